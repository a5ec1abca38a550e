"""Build .h5p packages shaped like what h5p.org, Moodle, WordPress and Lumi really export.

Real exports differ from the minimal packages in packages.py: the PHP core writes version numbers in
h5p.json as strings ("1"), h5p.json carries licence and author metadata, archivers add README.txt,
__MACOSX/ and .DS_Store, and a question set's questions are sub-content of other libraries. The library
code here is our own stand-in (official content types are on no reachable registry); the machine names,
folder layout, library.json and semantics.json follow the real content types closely enough for import.
"""

import io
import json

from h5p import builder
from tests.h5p.packages import library

# A subContentId as the H5P editor makes them (a UUID).
QUESTION_IDS = ("0b6f7a3c-2d1e-4c5b-9a8f-1e2d3c4b5a69", "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a")

TABLE_TEXT = (
    '<h2 style="text-align: center;">Wat mag je posten?</h2>'
    '<table border="1" cellpadding="4" cellspacing="0" style="width: 100%; border-collapse: collapse;">'
    "<caption>Toestemming</caption>"
    '<colgroup><col span="1" style="width: 40%;"></colgroup>'
    '<thead><tr><th scope="col" style="text-align: left;">Wat</th><th scope="col">Mag het?</th></tr></thead>'
    '<tbody><tr><td style="vertical-align: top; padding: 4px; background-color: #ffeeee;">Foto van een vriend</td>'
    '<td colspan="1"><strong>Eerst vragen</strong></td></tr>'
    '<tr><td style="border: 1px solid #cccccc;">Je eigen tekening</td><td><em>Ja</em></td></tr></tbody>'
    '</table><div><span style="font-size: 1.25em; color: #0000ff;">Twijfel je? Vraag het de juf.</span></div>'
)

RICH_TEXT_TAGS = ["strong", "em", "del", "a", "ul", "ol", "h2", "h3", "hr", "pre", "code", "table"]

SEMANTICS = {
    "H5P.QuestionSet": [
        {
            "name": "introPage",
            "type": "group",
            "label": "Introductiepagina",
            "fields": [
                {"name": "showIntroPage", "type": "boolean", "label": "Toon introductie", "default": False},
                {"name": "title", "type": "text", "label": "Titel", "optional": True},
                {
                    "name": "introduction",
                    "type": "text",
                    "widget": "html",
                    "label": "Introductie",
                    "optional": True,
                    "tags": ["strong", "em", "a", "ul", "ol", "table"],
                },
            ],
        },
        {
            "name": "questions",
            "type": "list",
            "label": "Vragen",
            "min": 1,
            "field": {
                "name": "question",
                "type": "library",
                "label": "Vraag",
                "options": ["H5P.MultiChoice 1.16", "H5P.TrueFalse 1.8"],
            },
        },
        {
            "name": "texts",
            "type": "group",
            "label": "Teksten",
            "fields": [
                {"name": "prevButton", "type": "text", "label": "Vorige", "default": "Vorige"},
                {"name": "nextButton", "type": "text", "label": "Volgende", "default": "Volgende"},
            ],
        },
    ],
    "H5P.MultiChoice": [
        {
            "name": "question",
            "type": "text",
            "widget": "html",
            "label": "Vraag",
            "tags": ["strong", "em", "sub", "sup", "u", "strike", "h2", "h3"],
            "font": {"size": True, "color": True, "background": True},
        },
        {
            "name": "answers",
            "type": "list",
            "label": "Antwoorden",
            "field": {
                "name": "answer",
                "type": "group",
                "label": "Antwoord",
                "fields": [
                    {"name": "text", "type": "text", "widget": "html", "label": "Tekst", "tags": ["strong", "em"]},
                    {"name": "correct", "type": "boolean", "label": "Goed", "default": False},
                    {
                        "name": "tipsAndFeedback",
                        "type": "group",
                        "label": "Tips en feedback",
                        "fields": [
                            {"name": "tip", "type": "text", "widget": "html", "label": "Tip", "tags": ["p", "br"]},
                            {
                                "name": "chosenFeedback",
                                "type": "text",
                                "widget": "html",
                                "label": "Gekozen",
                                "tags": [],
                            },
                        ],
                    },
                ],
            },
        },
        {"name": "checkAnswerButton", "type": "text", "label": "Knop nakijken", "default": "Nakijken"},
        {
            "name": "media",
            "type": "group",
            "label": "Afbeelding",
            "optional": True,
            "fields": [{"name": "type", "type": "library", "label": "Type", "options": ["H5P.Image 1.1"]}],
        },
    ],
    "H5P.TrueFalse": [
        {
            "name": "question",
            "type": "text",
            "widget": "html",
            "label": "Stelling",
            "tags": ["p", "br", "strong", "em"],
        },
        {
            "name": "correct",
            "type": "select",
            "label": "Het goede antwoord",
            "options": [{"value": "true", "label": "Waar"}, {"value": "false", "label": "Niet waar"}],
            "default": "true",
        },
        {
            "name": "l10n",
            "type": "group",
            "label": "Teksten",
            "fields": [
                {"name": "trueText", "type": "text", "label": "Waar", "default": "Waar"},
                {"name": "falseText", "type": "text", "label": "Niet waar", "default": "Niet waar"},
            ],
        },
    ],
    "H5P.AdvancedText": [
        {
            "name": "text",
            "type": "text",
            "widget": "html",
            "label": "Tekst",
            "enterMode": "p",
            "tags": RICH_TEXT_TAGS,
            "font": {"size": True, "color": True, "background": True},
        }
    ],
    "H5P.CoursePresentation": [
        {
            "name": "presentation",
            "type": "group",
            "label": "Presentatie",
            "fields": [
                {
                    "name": "slides",
                    "type": "list",
                    "label": "Dia's",
                    "field": {
                        "name": "slide",
                        "type": "group",
                        "label": "Dia",
                        "fields": [
                            {
                                "name": "elements",
                                "type": "list",
                                "label": "Elementen",
                                "field": {
                                    "name": "element",
                                    "type": "group",
                                    "label": "Element",
                                    "fields": [
                                        {"name": "x", "type": "number", "label": "x"},
                                        {"name": "y", "type": "number", "label": "y"},
                                        {
                                            "name": "action",
                                            "type": "library",
                                            "label": "Inhoud",
                                            "options": ["H5P.AdvancedText 1.1", "H5P.MultiChoice 1.16"],
                                        },
                                    ],
                                },
                            },
                            {
                                "name": "keywords",
                                "type": "list",
                                "label": "Trefwoorden",
                                "field": {"name": "k", "type": "text"},
                            },
                        ],
                    },
                },
                {"name": "keywordListEnabled", "type": "boolean", "label": "Trefwoordenlijst", "default": True},
            ],
        }
    ],
}

# machine name -> (major, minor, patch, runnable, preloaded dependencies, extra library.json fields)
LIBRARIES = {
    "FontAwesome": (4, 5, 4, 0, [], {"preloadedJs": [], "preloadedCss": [{"path": "h5p-font-awesome.min.css"}]}),
    "H5P.JoubelUI": (1, 3, 19, 0, ["FontAwesome"], {"preloadedCss": [{"path": "css/joubel-ui.css"}]}),
    "H5P.Question": (1, 5, 15, 0, ["H5P.JoubelUI"], {"preloadedCss": [{"path": "styles/question.css"}]}),
    "H5P.MultiChoice": (1, 16, 14, 1, ["H5P.JoubelUI", "H5P.Question", "FontAwesome"], {}),
    "H5P.TrueFalse": (1, 8, 11, 1, ["H5P.JoubelUI", "H5P.Question", "FontAwesome"], {}),
    "H5P.AdvancedText": (1, 1, 14, 1, [], {}),
    # Real question sets do not preload their question types: those come with the sub-content.
    "H5P.QuestionSet": (1, 20, 6, 1, ["H5P.JoubelUI", "H5P.Question", "FontAwesome"], {}),
    "H5P.CoursePresentation": (1, 25, 2, 1, ["H5P.JoubelUI", "FontAwesome"], {}),
}


def version_of(name):
    major, minor, *_rest = LIBRARIES[name]
    return major, minor


def library_string(name):
    major, minor = version_of(name)
    return f"{name} {major}.{minor}"


def dependency(name, *, as_text=False):
    major, minor = version_of(name)
    if as_text:
        return {"machineName": name, "majorVersion": str(major), "minorVersion": str(minor)}
    return {"machineName": name, "majorVersion": major, "minorVersion": minor}


def exported_library(name, *, as_text=False):
    """{archive path: data} of library `name` as an export holds it: library.json (versions as strings when
    `as_text`, as some tools write them), semantics.json for content types, our stand-in JS and CSS."""
    major, minor, patch, runnable, deps, extra = LIBRARIES[name]
    stem = name.split(".")[-1].lower()
    js = f"scripts/{stem}.js"
    meta = {
        "runnable": runnable,
        "coreApi": {"majorVersion": 1, "minorVersion": 24},
        "author": "Oefenfeed (stand-in)",
        "license": "MIT",
        "embedTypes": ["iframe"],
        "fullscreen": 0,
        "preloadedCss": [{"path": f"styles/{stem}.css"}],
    }
    meta.update(extra)
    files = library(name, major, minor, patch, deps=(), js=js, **meta)
    folder = f"{name}-{major}.{minor}"
    data = files[f"{folder}/library.json"]
    data["preloadedDependencies"] = [dependency(dep, as_text=as_text) for dep in deps]
    if not data["preloadedJs"]:
        del files[f"{folder}/{js}"]
    if as_text:
        for key in ("majorVersion", "minorVersion", "patchVersion"):
            data[key] = str(data[key])
        data["coreApi"] = {key: str(value) for key, value in data["coreApi"].items()}
    for entry in data.get("preloadedCss", []):
        files[f"{folder}/{entry['path']}"] = f"/* {name} */ .h5p-{stem} {{ margin: 0; }}"
    if name == "FontAwesome":
        files[f"{folder}/fontawesome-webfont.woff"] = b"wOFF\x00\x01\x00\x00"
    else:
        files[f"{folder}/{js}"] = (
            f"/* Oefenfeed stand-in for {name}. */\nvar H5P = H5P || {{}};\n"
            f"H5P.{stem} = function (params, contentId) {{ this.params = params; }};\n"
        )
    if name in SEMANTICS:
        files[f"{folder}/semantics.json"] = SEMANTICS[name]
    if name != "FontAwesome":
        files[f"{folder}/language/nl.json"] = {"semantics": []}
    return files


def question(kind, index):
    if kind == "H5P.MultiChoice":
        params = {
            "question": "<p>Mag je een foto van een <strong>klasgenoot</strong> zomaar posten?</p>",
            "answers": [
                {"text": "<div>Ja</div>", "correct": False, "tipsAndFeedback": {"tip": "", "chosenFeedback": ""}},
                {
                    "text": "<div>Nee, eerst vragen</div>",
                    "correct": True,
                    "tipsAndFeedback": {"tip": "<p>Denk aan toestemming.</p>", "chosenFeedback": "<div>Goed zo!</div>"},
                },
            ],
            "checkAnswerButton": "Nakijken",
        }
    else:
        params = {
            "question": "<p>Wat online staat, krijg je er altijd weer af.</p>",
            "correct": "false",
            "l10n": {"trueText": "Waar", "falseText": "Niet waar"},
        }
    return {
        "library": library_string(kind),
        "params": params,
        "subContentId": QUESTION_IDS[index],
        "metadata": {"contentType": kind.split(".")[-1], "license": "U", "title": f"Vraag {index + 1}"},
    }


def question_set_content():
    return {
        "introPage": {
            "showIntroPage": True,
            "title": "Denk na voor je post",
            "introduction": (
                '<p style="text-align: center;">Beantwoord de vragen. '
                '<a href="https://www.mediawijsheid.nl" target="_blank" rel="noopener">Meer weten</a></p>'
            ),
        },
        "questions": [question("H5P.MultiChoice", 0), question("H5P.TrueFalse", 1)],
        "texts": {"prevButton": "Vorige", "nextButton": "Volgende"},
    }


def course_presentation_content():
    return {
        "presentation": {
            "slides": [
                {
                    "elements": [
                        {
                            "x": 5,
                            "y": 5,
                            "action": {
                                "library": library_string("H5P.AdvancedText"),
                                "params": {"text": TABLE_TEXT},
                                "subContentId": "3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b",
                            },
                        },
                        {"x": 50, "y": 60, "action": question("H5P.MultiChoice", 1)},
                    ],
                    "keywords": [],
                }
            ],
            "keywordListEnabled": True,
        }
    }


METADATA = {
    "license": "CC BY-SA",
    "licenseVersion": "4.0",
    "licenseExtras": "Gemaakt voor groep 7 en 8.",
    "authors": [{"name": "Marieke Jansen", "role": "Author"}, {"name": "OBS De Esch", "role": "Licensee"}],
    "changes": [{"date": "12-03-24 10:15:00", "author": "Marieke Jansen", "log": "Vraag 2 toegevoegd"}],
    "source": "https://www.mediawijsheid.nl/lesmateriaal",
    "yearFrom": "2023",
    "yearTo": 2024,
    "defaultLanguage": "nl",
    "extraTitle": "Denk na voor je post",
    "a11yTitle": "Quiz over posten",
    "authorComments": "Na de les over privacy gebruiken.",
    "contentType": "Question Set",
}

STRAY_ENTRIES = {
    "README.txt": "Geëxporteerd van h5p.org. Open dit bestand met een H5P-speler.",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
    "__MACOSX/._h5p.json": b"\x00\x05\x16\x07",
    "__MACOSX/content/._content.json": b"\x00\x05\x16\x07",
    "__MACOSX/H5P.QuestionSet-1.20/scripts/._questionset.js": b"\x00\x05\x16\x07",
    "content/.DS_Store": b"\x00\x00\x00\x01Bud1",
    "H5P.QuestionSet-1.20/.DS_Store": b"\x00\x00\x00\x01Bud1",
}


def h5p_json(main, libraries, *, as_text=True, with_metadata=True, **overrides):
    """h5p.json as the PHP core writes it: strings for versions (`as_text`), metadata next to the title."""
    data = {
        "title": "Denk na voor je post",
        "language": "nl",
        "mainLibrary": main,
        "embedTypes": ["iframe"],
    }
    if with_metadata:
        data.update(json.loads(json.dumps(METADATA)))
    data["preloadedDependencies"] = [dependency(name, as_text=as_text) for name in libraries]
    data.update(overrides)
    return data


def export(
    main,
    content,
    libraries,
    *,
    as_text=True,
    text_libraries=(),
    stray=True,
    with_metadata=True,
    leave_out=(),
    extra=None,
    **h5p,
):
    """The bytes of an export: h5p.json, content, every library in `libraries` but those in `leave_out`
    (library.json with string versions for those in `text_libraries`) and, with `stray`, an archiver's
    leftovers. Keyword arguments override h5p.json fields."""
    entries = {
        "h5p.json": h5p_json(main, libraries, as_text=as_text, with_metadata=with_metadata, **h5p),
        "content/content.json": content,
    }
    entries["content/images/foto-klas.jpg"] = b"\xff\xd8\xff\xe0 JFIF stand-in"
    for name in libraries:
        if name not in leave_out:
            entries.update(exported_library(name, as_text=name in text_libraries))
    if stray:
        entries.update(STRAY_ENTRIES)
    entries.update(extra or {})
    return io.BytesIO(builder.build_zip(entries))


QUESTION_SET_LIBRARIES = (
    "H5P.QuestionSet",
    "H5P.MultiChoice",
    "H5P.TrueFalse",
    "H5P.Question",
    "H5P.JoubelUI",
    "FontAwesome",
)
COURSE_PRESENTATION_LIBRARIES = (
    "H5P.CoursePresentation",
    "H5P.AdvancedText",
    "H5P.MultiChoice",
    "H5P.Question",
    "H5P.JoubelUI",
    "FontAwesome",
)


def php_question_set(**kwargs):
    """A question set as h5p.org, Moodle or WordPress export it: string versions in h5p.json, metadata, strays."""
    kwargs.setdefault("text_libraries", ("H5P.TrueFalse",))
    return export("H5P.QuestionSet", question_set_content(), QUESTION_SET_LIBRARIES, **kwargs)


def lumi_question_set(**kwargs):
    """The same question set as Lumi (h5p-nodejs-library) exports it: integer versions, no archiver strays."""
    kwargs.setdefault("as_text", False)
    kwargs.setdefault("stray", False)
    return export("H5P.QuestionSet", question_set_content(), QUESTION_SET_LIBRARIES, **kwargs)


def course_presentation(**kwargs):
    """A course presentation with a table-heavy text and a question on its slide."""
    kwargs.setdefault("contentType", "Course Presentation")
    return export("H5P.CoursePresentation", course_presentation_content(), COURSE_PRESENTATION_LIBRARIES, **kwargs)
