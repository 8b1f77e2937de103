"""The document viewer: page image, page text, the viewer around them."""
