"""Vietnamese alphabetical order (core.collation): letters of their own, tones as tie-breaks."""

from doanso.core.collation import sort_key, sorted_vi


def test_provinces_in_vietnamese_order():
    names = ["Vĩnh Long", "Đồng Nai", "Đắk Lắk", "Điện Biên", "Dĩ An", "An Giang", "Cà Mau", "Ê Đê", "Ea Súp"]
    assert sorted_vi(names) == [
        "An Giang",
        "Cà Mau",
        "Dĩ An",
        "Đắk Lắk",
        "Điện Biên",
        "Đồng Nai",
        "Ea Súp",
        "Ê Đê",
        "Vĩnh Long",
    ]
    assert sorted(names) != sorted_vi(names)  # byte order puts Đ after V


def test_letters_with_marks_are_letters_of_their_own():
    assert sorted_vi(["Âu", "Ăn", "Anh", "An"]) == ["An", "Anh", "Ăn", "Âu"]
    assert sorted_vi(["Ưu", "Uy", "Ơn", "Ôn", "On"]) == ["On", "Ôn", "Ơn", "Uy", "Ưu"]


def test_tones_break_ties_in_their_order():
    assert sorted_vi(["mạ", "mã", "mả", "má", "mà", "ma"]) == ["ma", "mà", "má", "mả", "mã", "mạ"]


def test_numbers_by_value_and_words_before_longer_words():
    assert sorted_vi(["Chi đoàn 10", "Chi đoàn 2", "Chi đoàn 1"]) == [
        "Chi đoàn 1",
        "Chi đoàn 2",
        "Chi đoàn 10",
    ]
    assert sorted_vi(["Anh Sơn", "An Giang"]) == ["An Giang", "Anh Sơn"]


def test_case_and_empty():
    assert sort_key(None) == sort_key("")
    assert sorted_vi(["b", "A", "a"], key=str)[:2] in (["A", "a"], ["a", "A"])
    assert sorted_vi([{"n": "Đông"}, {"n": "Dương"}], key=lambda d: d["n"]) == [{"n": "Dương"}, {"n": "Đông"}]
