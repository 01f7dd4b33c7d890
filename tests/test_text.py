"""Sentence splitting over the shapes news pages take. Every text here was written for these tests."""

from __future__ import annotations

from newsmap.text import split_sentences


def _sentences(text):
    return [s.text for s in split_sentences(text)]


def test_each_bullet_is_its_own_sentence():
    text = ("Strike on a school\n"
            "  • About 30 injured, including teachers\n"
            "  • Rescuers still searching the rubble\n"
            "Officials said the toll could rise.")
    assert _sentences(text) == [
        "Strike on a school",
        "• About 30 injured, including teachers",
        "• Rescuers still searching the rubble",
        "Officials said the toll could rise.",
    ]


def test_a_caption_and_an_update_stamp_stand_alone():
    text = ("File photo: Smoke over Goma after shelling in 2023 Photo: AFP\n"
            "Updated: 3 May 2025, 9:10 AM\n"
            "Shelling killed four people in Sake on Friday.")
    assert _sentences(text) == [
        "File photo: Smoke over Goma after shelling in 2023 Photo: AFP",
        "Updated: 3 May 2025, 9:10 AM",
        "Shelling killed four people in Sake on Friday.",
    ]


def test_a_hard_wrapped_sentence_stays_whole():
    text = ("Shelling on Friday killed four people and wounded eleven more in the small market town of\n"
            "Sake, local officials said.")
    assert _sentences(text) == [text]
