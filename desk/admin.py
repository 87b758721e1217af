from __future__ import annotations

from django.contrib import admin

admin.site.site_header = "Shipboard editors' desk"
admin.site.site_title = "Shipboard editors' desk"
admin.site.index_title = "Tools, the panel and comparisons"
admin.site.enable_nav_sidebar = False  # list columns need the width at 1280 px
