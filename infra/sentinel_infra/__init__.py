"""Sentinel's AWS infrastructure as a CDK app (Python): one module per concern, composed in stack.py."""
