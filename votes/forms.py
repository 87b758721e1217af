from __future__ import annotations

from django import forms


class VerifyVoteForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter the e-mail address to send the link to.",
            "invalid": "That doesn't look like an e-mail address; check it and try again.",
        },
    )
