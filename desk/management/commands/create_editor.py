"""manage.py create_editor USERNAME: a staff account whose rights come from the Editors group."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from desk.roles import EDITORS_GROUP

PASSWORD_ENV = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor (or make an existing user one): staff, in the Editors group, not a "
        f"superuser. Asks for a password, or reads it from ${PASSWORD_ENV} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-input", action="store_true", help=f"Read ${PASSWORD_ENV}.")

    def handle(self, *args, username: str, email: str, no_input: bool, **options):
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        password = self._password(no_input, required=user is None)
        with transaction.atomic():
            if user is None:
                user = user_model(username=username, email=email)
            if password:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
                user.set_password(password)
            user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.stdout.write(f"{username} is an editor: sign in at /admin/.")

    def _password(self, no_input: bool, *, required: bool) -> str:
        if no_input:
            password = os.environ.get(PASSWORD_ENV, "")
            if required and not password:
                raise CommandError(f"Set ${PASSWORD_ENV} to the new editor's password.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if required and not password:
            raise CommandError("A new editor needs a password.")
        return password
