"""Step 1 of the loop: read customer-feedback exports, map their columns, validate, and import."""
