"""Every change of state in messaging: one module per concern, each stating its rule.

- planning: which message is queued for whom and when (one row per registration,
  purpose and occasion, whatever the number of calls).
- claims: how a worker takes a batch for itself alone and writes its results back
  only while the claim is still its own (the PostgreSQL fast paths beside their
  portable twins).
- delivery: sending a claimed batch, each message exactly once, never in the quiet
  hours.
- status: Twilio's status callbacks; a message never moves backwards.
- inbox: incoming SMS and voicemails, each kept once.
- optouts: STOP and START.

The exactly-once argument is written out in docs/messaging.md.
"""
