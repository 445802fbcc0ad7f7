from django import forms

from accord.core.widgets import FastSelect


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        choices=[("", "Any"), ("CI", "Côte d'Ivoire"), ("XX", "<b>Bad</b> & co")],
        widget=FastSelect, required=False,
    )


def test_fast_select_marks_the_chosen_option_and_escapes_labels():
    html = str(CountryForm({"country": "CI"})["country"])
    assert '<option value="CI" selected>Côte d&#x27;Ivoire</option>' in html
    assert "&lt;b&gt;Bad&lt;/b&gt; &amp; co" in html
    assert 'name="country"' in html and 'id="id_country"' in html


def test_fast_select_renders_like_djangos_select_for_the_browser():
    ours = str(CountryForm({"country": ""})["country"])
    assert ours.startswith("<select") and ours.count("<option") == 3
    assert '<option value="" selected>Any</option>' in ours
