"""The desk has no tables of its own. This module exists so Django treats the app as having
models: only such apps receive post_migrate, which keeps the Editors group in step with
desk.roles after every migrate and every test-database flush."""
