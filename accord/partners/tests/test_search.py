from accord.partners.search import MAX_TOKEN, normalise, query_tokens, sort_key, tokens_for


def test_normalise_transliterates_lowercases_and_turns_punctuation_into_spaces():
    assert normalise("  Société Générale—Côte d'Ivoire ") == "societe generale cote d ivoire"


def test_normalise_transliterates_cyrillic_arabic_and_chinese_to_ascii():
    assert normalise("Банк развития") == "bank razvitiya"
    assert normalise("بنك").isascii()
    assert normalise("联合国人居署") == "lianheguorenjushu"


def test_sort_key_is_the_normalised_name():
    assert sort_key("Ämter für Wohnungsbau") == "amter fur wohnungsbau"


def test_tokens_include_ascii_and_original_script_words():
    tokens = tokens_for("Банк развития")
    assert {"bank", "razvitiya", "банк", "развития"} <= tokens


def test_tokens_for_latin_words_are_ascii_only():
    assert tokens_for("São Paulo") == {"sao", "paulo"}


def test_tokens_include_every_suffix_of_a_chinese_run():
    tokens = tokens_for("联合国人居署")
    assert {"联合国人居署", "人居署", "署", "lianheguorenjushu"} <= tokens


def test_tokens_come_from_every_text_given_and_skip_empty_ones():
    assert tokens_for("UN-Habitat", "", "UNH") == {"un", "habitat", "unh"}


def test_tokens_are_cut_to_the_column_length():
    assert all(len(t) <= MAX_TOKEN for t in tokens_for("x" * 200))


def test_query_tokens_normalise_latin_words_and_keep_other_scripts_casefolded():
    assert query_tokens("São БАНК 人居") == ["sao", "банк", "人居"]


def test_query_tokens_drop_repeats_and_punctuation():
    assert query_tokens("UN-Habitat, un habitat!") == ["un", "habitat"]


def test_query_tokens_of_blank_query_are_empty():
    assert query_tokens("  -- ") == []
