"""Document › Number Pages… and page labels edited in place (the rule: researchnb/foliation/)."""
