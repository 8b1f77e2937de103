"""The Notebook's methods, one module per area; `researchnb.notebook.Notebook` combines them.

Each class here is a mixin: it expects `self.conn`, `self.write()` and `self.files` from
Notebook and adds the operations of its area. No SQL here: that is in `researchnb.store`.
"""
