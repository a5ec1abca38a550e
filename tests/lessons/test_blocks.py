"""Block validation (image credits) and which steps each audience sees."""

import pytest
import wagtail_factories
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from lessons.blocks import CreditedImageBlock, LessonStepBlock
from lessons.choices import Audience
from lessons.models import LessonPage
from tests.lessons.factories import credited


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory()


def _errors(exc):
    return {name: " ".join(error.messages) for name, error in exc.block_errors.items()}


def test_image_without_maker_or_licence_is_refused_with_a_clear_message(image):
    block = CreditedImageBlock()
    value = block.to_python(
        {"image": image.pk, "alt_text": "Een tekening", "maker": "", "source": "Eigen", "licence": ""}
    )
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    errors = _errors(caught.value)
    assert set(errors) == {"maker", "licence"}
    assert "maker" in errors["maker"]
    assert "licentie" in errors["licence"]


def test_image_without_source_is_refused(image):
    block = CreditedImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "x", "maker": "Juf", "source": "", "licence": "cc0"})
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert set(_errors(caught.value)) == {"source"}


def test_fully_credited_image_is_accepted(image):
    block = CreditedImageBlock()
    value = block.to_python({**credited(image.pk)})
    assert block.clean(value)["maker"] == "Juf Els"


def test_a_step_with_an_uncredited_image_is_refused_inside_the_lesson(image):
    stream = LessonStepBlock()
    raw = [
        {
            "type": "text_with_image",
            "value": {"heading": "Kop", "text": "<p>Tekst</p>", "image": credited(image.pk, maker="")},
        }
    ]
    with pytest.raises(StreamBlockValidationError):
        stream.clean(stream.to_python(raw))


def test_teacher_notes_are_only_for_the_teacher(lesson):
    teacher_types = [step.block_type for step in lesson.steps_for(Audience.TEACHER)]
    assert "teacher_note" in teacher_types
    for audience in (Audience.PUPIL, Audience.SMARTBOARD):
        types = [step.block_type for step in lesson.steps_for(audience)]
        assert "teacher_note" not in types
        assert len(types) == len(teacher_types) - 1


def test_presenter_steps_carry_the_note_written_after_a_step(lesson):
    steps = lesson.presenter_steps()
    assert [len(step.notes) for step in steps] == [1, 0, 0, 0]
    assert steps[0].notes[0].block_type == "teacher_note"
    assert steps[0].next_block.block_type == "text_with_image"
    assert steps[-1].next_block is None


def test_a_step_type_added_later_is_shown_everywhere_unless_it_says_otherwise(db):
    class ActivityBlock(blocks.StructBlock):
        title = blocks.CharBlock()

    class HiddenActivityBlock(blocks.StructBlock):
        pupil_visible = False
        title = blocks.CharBlock()

    class ExtendedSteps(LessonStepBlock):
        activity = ActivityBlock()
        board_only = HiddenActivityBlock()

    lesson = LessonPage(title="Les")
    lesson.steps = ExtendedSteps().to_python(
        [{"type": "activity", "value": {"title": "Quiz"}}, {"type": "board_only", "value": {"title": "Alleen bord"}}]
    )
    assert [s.block_type for s in lesson.steps_for(Audience.PUPIL)] == ["activity"]
    assert [s.block_type for s in lesson.steps_for(Audience.SMARTBOARD)] == ["activity", "board_only"]
