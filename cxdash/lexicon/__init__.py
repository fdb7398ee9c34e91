"""Hand-written bilingual data: the built-in taxonomies and the sentiment lexicon."""
