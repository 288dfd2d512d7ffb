"""The Textual browser: widgets and screens composed over the domain layer."""
