"""The wizard's forms: the upload (file type checked by its content, size limited) and the
column mapping (one choice per column of the file, checked as a whole)."""

from django import forms

from accord.partners.forms import AccessibleErrorsMixin
from accord.partners.importing import mapping as mappings
from accord.partners.importing.reading import (
    ImportFileError,
    check_size,
    detect_format,
    max_bytes,
    megabytes,
)
from accord.partners.models import ImportKind, OnMatch

IGNORE = "— ignore this column —"


class UploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="CSV (any encoding; comma, semicolon, tab or pipe) or Excel .xlsx, "
        "with the column names in the first row.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx"}),
    )
    kind = forms.ChoiceField(
        label="What the file lists",
        choices=ImportKind.choices,
        initial=ImportKind.ORGANISATIONS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += f" At most {megabytes(max_bytes())}."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
            data = upload.read()
            detect_format(data)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        self.data_bytes = data
        return upload


class MappingForm(AccessibleErrorsMixin, forms.Form):
    """One select per column of the file (field `col_<n>`), what a matching row does, and a
    name to save the mapping under."""

    on_match = forms.ChoiceField(
        label="When a row matches a registered record",
        choices=OnMatch.choices,
        widget=forms.RadioSelect,
    )
    match_duplicates = forms.BooleanField(
        label="Look for duplicates of registered organisations",
        required=False,
        help_text="Without it every valid row is created (fastest, for a first load).",
    )
    save_as = forms.CharField(
        label="Save this mapping as",
        required=False,
        max_length=100,
        help_text="Give it a name to reuse it for the next file with the same columns.",
    )

    def __init__(self, *args, headers: list[str], kind: str, samples: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers, self.kind = headers, kind
        choices = [("", IGNORE)] + [
            (c.name, f"{c.label}{' (required)' if c.required else ''}")
            for c in mappings.columns(kind)
        ]
        for index, header in enumerate(headers):
            shown = ", ".join(v for v in (samples or {}).get(header, []) if v)[:120]
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                help_text=f"For example: {shown}" if shown else "Empty in the first rows.",
            )
        if kind == ImportKind.CONTACTS:
            del self.fields["match_duplicates"]
            self.fields["on_match"].choices = [c for c in OnMatch.choices if c[0] != OnMatch.UPDATE]

    @classmethod
    def initial_for(cls, batch, mapping: dict[str, str], headers: list[str]) -> dict:
        initial = {f"col_{i}": mapping.get(h, "") for i, h in enumerate(headers)}
        initial.update(on_match=batch.on_match, match_duplicates=batch.match_duplicates)
        return initial

    def column_fields(self) -> list:
        return [self[f"col_{i}"] for i in range(len(self.headers))]

    def mapping(self) -> dict[str, str]:
        return {h: self.cleaned_data.get(f"col_{i}") or "" for i, h in enumerate(self.headers)}

    def clean(self):
        cleaned = super().clean()
        chosen = self.mapping()
        for target, count in _counts(chosen).items():
            if count > 1:
                label = mappings.targets(self.kind)[target].label
                for i, header in enumerate(self.headers):
                    if chosen[header] == target:
                        self.add_error(
                            f"col_{i}", f"{label} is chosen for {count} columns: keep one."
                        )
        for problem in mappings.problems(chosen, self.kind, duplicates=False):
            self.add_error(None, problem)
        return cleaned


def _counts(chosen: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for target in chosen.values():
        if target:
            counts[target] = counts.get(target, 0) + 1
    return counts
