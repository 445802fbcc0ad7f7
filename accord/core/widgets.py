"""Form widgets."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single-choice select rendered without a template per option.

    Django renders every <option> through its own template; a list of 250 countries then costs
    milliseconds on every page that shows a filter form. This builds the same markup directly
    (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = set(self.format_value(value))
        options = "".join(
            '<option value="{}"{}>{}</option>'.format(
                conditional_escape(option_value),
                " selected" if str(option_value) in chosen else "",
                conditional_escape(label),
            )
            for option_value, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308 (escaped above)
