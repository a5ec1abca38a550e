from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import School, SchoolClass, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "school", "is_active"]
    list_filter = ["role", "school", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Oefenfeed"), {"fields": ["role", "school", "initial"]}))


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin"]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "groep", "school", "school_year", "join_code"]
    list_filter = ["school", "groep", "school_year"]
    filter_horizontal = ["teachers", "pupils"]
