"""Email to staff: the log rows (outbox), what each email says (compose), sending it once (delivery).

Residents never get email; staff have city addresses. See docs/training.md.
"""
