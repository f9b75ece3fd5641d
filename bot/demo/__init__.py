"""`pairbot demo`: a sample organisation through the real services, printed."""
