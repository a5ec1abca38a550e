"""Factories for feed objects and small test images."""

import io

import factory
from PIL import Image

from sandbox_feed.choices import PostStatus
from sandbox_feed.models import Comment, Persona, Post, PostVersion, Reaction


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"Bericht nummer {n}")
    status = PostStatus.VISIBLE

    @factory.post_generation
    def with_version(self, create, extracted, **kwargs):
        if create:
            PostVersion.objects.create(post=self, number=1, text=self.text, edited_by=self.author)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    text = "Leuk!"


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    kind = "heart"


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    name = factory.Sequence(lambda n: f"Nieuwssite {n}")
    kind = "news"


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 40, 40), **save_kwargs):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


def jpeg_with_gps():
    """A JPEG that carries EXIF with a camera make and GPS coordinates."""
    image = Image.new("RGB", (80, 60), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "TestCamera"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 47.0, 0.0)
    gps[3] = "E"
    gps[4] = (6.0, 53.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
