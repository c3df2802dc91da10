import pytest

from workbench.errors import InputError
from workbench.text.encoding import decode_bytes

ARABIC = "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في غارات جوية على ريف إدلب، وأضاف أن بين القتلى أطفالاً."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256", "iso8859_6", "utf-16", "utf-8-sig"])
def test_arabic_in_common_encodings(encoding: str) -> None:
    text = ARABIC if encoding != "iso8859_6" else ARABIC.replace("ً", "")
    decoded, _ = decode_bytes(text.encode(encoding), "a.txt")
    assert decoded == text


def test_empty_file_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        decode_bytes(b"", "empty.txt")


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match=r"a\.bin"):
        decode_bytes(bytes(range(256)) * 20, "a.bin")
