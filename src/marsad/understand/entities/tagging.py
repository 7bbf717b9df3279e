"""The NER stage: tag names (persons, organisations, places) sentence by sentence with the shipped model.

Its output is raw :class:`Mention` objects on the document; linking them to places and actors is the job
of the places and entities stages, which can weigh them against the gazetteer and the actor lexicon.
English has no shipped model: its names come from the capitalisation rules of ``english_names``. Other
languages get no NER mentions (the lexicon-based finders still run).
"""

from __future__ import annotations

from marsad.document import Document, Mention
from marsad.language.sentences import split_sentences
from marsad.language.tokenize import Token, tokenize
from marsad.understand.entities.english_names import find_english_names
from marsad.understand.entities.ner import get_tagger


class NerStage:
    name = "ner"
    version = "1"
    requires = frozenset({"text", "language"})
    assigns = frozenset({"mentions"})

    def __call__(self, doc: Document) -> Document:
        tagger = get_tagger(doc.language)
        if tagger is None:
            if doc.language == "en":
                doc.mentions.extend(find_english_names(doc.text))
            return doc
        sentences = [_shift(tokenize(doc.text[s:e]), s) for s, e in split_sentences(doc.text)]
        labels = tagger.tag_document([[t.text for t in sentence] for sentence in sentences])
        for tokens, tags in zip(sentences, labels, strict=True):
            doc.mentions.extend(bio_mentions(doc.text, tokens, tags))
        return doc


def _shift(tokens: list[Token], offset: int) -> list[Token]:
    return [Token(t.text, t.start + offset, t.end + offset) for t in tokens]


def bio_mentions(text: str, tokens: list[Token], tags: list[str]) -> list[Mention]:
    """Mentions from IOB2 tags; an ``I-`` without its ``B-`` starts a mention, as CoNLL scoring does."""
    found: list[Mention] = []
    start = end = -1
    label = ""
    for token, tag in [*zip(tokens, tags, strict=True), (None, "O")]:
        continues = tag.startswith("I-") and tag[2:] == label and start >= 0
        if continues and token is not None:
            end = token.end
            continue
        if start >= 0:
            found.append(Mention(start, end, text[start:end], label, "ner"))
            start = -1
        if token is not None and tag != "O":
            start, end, label = token.start, token.end, tag[2:]
    return found
