"""The reading edition and its print forms: templates laid out by parts, paginated, joined, furnished and imposed."""
