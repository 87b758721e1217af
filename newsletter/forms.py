from __future__ import annotations

from django import forms


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address to subscribe.",
            "invalid": (
                "That doesn't look like an e-mail address. Check it reads like name@example.com."
            ),
            "max_length": "That address is too long: e-mail addresses have at most 254 characters.",
        },
    )
