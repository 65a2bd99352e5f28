from segur_devis.normalize import fold


def test_fold_removes_accents_case_and_odd_spaces_keeping_length():
    text = "Pris en charge par l’ÉTAT : 3\u202f650,00\u00a0€"
    folded = fold(text)
    assert folded.text == "pris en charge par l'etat : 3 650,00 €"
    assert len(folded.text) == len(text)


def test_ligatures_and_hyphenation_map_back_to_the_original():
    text = "Pres-\ntation ﬁnancée par l’Œuvre"
    folded = fold(text)
    assert folded.text == "prestation financee par l'oeuvre"
    for word, original in [("prestation", "Pres-\ntation"), ("financee", "ﬁnancée"), ("oeuvre", "Œuvre")]:
        start = folded.text.index(word)
        s, e = folded.span(start, start + len(word))
        assert text[s:e] == original


def test_hyphen_between_capitals_is_kept():
    assert fold("HOP-\nPFI").text == "hop-\npfi"
