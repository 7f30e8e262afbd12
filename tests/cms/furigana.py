"""The ruby markup the furigana filter writes, for tests that pin it."""


def ruby(base: str, reading: str) -> str:
    """A word with its reading, hidden from screen readers (brackets included) so that a
    link or a button is named by its words alone."""
    return (
        f'<ruby>{base}<rp aria-hidden="true">(</rp><rt aria-hidden="true">{reading}</rt>'
        '<rp aria-hidden="true">)</rp></ruby>'
    )
