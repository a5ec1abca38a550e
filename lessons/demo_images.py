"""Pictures for the demo lessons, drawn in code with Pillow: the project makes its own images."""

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 800)
NAVY, YELLOW, WHITE, CORAL = "#1d3f8f", "#ffd766", "#ffffff", "#ef6f5e"
GREEN, SKY, INK = "#3fa06b", "#cfe3ff", "#10162b"
FONT_PATHS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]


def _font(size):
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _canvas(background=SKY):
    image = Image.new("RGB", SIZE, background)
    return image, ImageDraw.Draw(image)


def _caption(draw, text):
    draw.rectangle([0, 690, SIZE[0], SIZE[1]], fill=NAVY)
    draw.text((SIZE[0] // 2, 745), text, font=_font(52), fill=WHITE, anchor="mm")


def _phone(draw, x, y, scale=1.0):
    w, h = int(260 * scale), int(480 * scale)
    draw.rounded_rectangle([x, y, x + w, y + h], radius=int(36 * scale), fill=INK)
    draw.rounded_rectangle([x + 16, y + 50, x + w - 16, y + h - 50], radius=12, fill=WHITE)
    return x + 16, y + 50, x + w - 16, y + h - 50


def _person(draw, x, y, colour, scale=1.0):
    r = int(55 * scale)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    draw.rounded_rectangle([x - 2 * r, y + r + 10, x + 2 * r, y + 5 * r], radius=r, fill=colour)


def realtime():
    image, draw = _canvas()
    left, top, right, _bottom = _phone(draw, 470, 120)
    draw.rounded_rectangle([left + 20, top + 30, right - 20, top + 130], radius=20, fill=YELLOW)
    draw.polygon([(820, 160), (760, 330), (830, 330), (780, 500), (920, 280), (850, 280), (900, 160)], fill=CORAL)
    draw.ellipse([230, 300, 390, 460], fill=NAVY)
    draw.text((310, 380), "1", font=_font(110), fill=WHITE, anchor="mm")
    _caption(draw, "Eén klik en het is online")
    return image


def footprint():
    image, draw = _canvas("#e7f4ec")
    for i, (x, y) in enumerate([(260, 520), (420, 420), (580, 500), (740, 380), (900, 440)]):
        colour = GREEN if i % 2 else NAVY
        draw.ellipse([x - 50, y - 90, x + 50, y + 60], fill=colour)
        for t in range(5):
            draw.ellipse([x - 55 + t * 24, y - 140, x - 35 + t * 24, y - 110], fill=colour)
    _caption(draw, "Je digitale voetafdruk")
    return image


def camera():
    image, draw = _canvas("#fff3e6")
    draw.rounded_rectangle([330, 200, 870, 560], radius=40, fill=INK)
    draw.rectangle([450, 160, 600, 210], fill=INK)
    draw.ellipse([490, 260, 710, 480], fill=WHITE)
    draw.ellipse([540, 310, 660, 430], fill=NAVY)
    draw.ellipse([770, 240, 820, 290], fill=CORAL)
    _person(draw, 1010, 300, GREEN, 0.8)
    draw.text((1010, 560), "?", font=_font(120), fill=CORAL, anchor="mm")
    _caption(draw, "Eerst toestemming vragen")
    return image


def quote():
    image, draw = _canvas()
    draw.rounded_rectangle([140, 140, 1060, 600], radius=40, fill=WHITE, outline=NAVY, width=8)
    draw.text((250, 300), "“", font=_font(300), fill=CORAL, anchor="mm")
    for i in range(4):
        draw.rounded_rectangle([360, 230 + i * 80, 980 - i * 90, 270 + i * 80], radius=18, fill=SKY)
    draw.text((960, 540), "– bron", font=_font(48), fill=NAVY, anchor="rm")
    _caption(draw, "Wie heeft het gemaakt?")
    return image


def kindness():
    image, draw = _canvas("#fde8ef")
    _person(draw, 380, 250, NAVY)
    _person(draw, 820, 250, GREEN)
    draw.rounded_rectangle([480, 90, 720, 200], radius=30, fill=WHITE)
    draw.polygon([(600, 115), (570, 140), (600, 180), (630, 140)], fill=CORAL)
    _caption(draw, "Aardig blijven, ook online")
    return image


def talk():
    image, draw = _canvas("#eef1f8")
    draw.rectangle([250, 470, 950, 500], fill=INK)
    _person(draw, 360, 230, CORAL)
    _person(draw, 840, 230, NAVY)
    draw.rounded_rectangle([430, 80, 770, 180], radius=30, fill=YELLOW)
    draw.text((600, 130), "Zullen we praten?", font=_font(36), fill=INK, anchor="mm")
    _caption(draw, "Praat het uit in het echt")
    return image


def classroom():
    image, draw = _canvas("#fff8d9")
    draw.rectangle([180, 120, 1020, 470], fill=GREEN)
    draw.text((600, 290), "Vandaag: posten!", font=_font(64), fill=WHITE, anchor="mm")
    for i, colour in enumerate([CORAL, NAVY, CORAL, NAVY]):
        _person(draw, 300 + i * 200, 560, colour, 0.5)
    _caption(draw, "Samen oefenen in de klas")
    return image


def expert():
    image, draw = _canvas()
    left, top, right, _bottom = _phone(draw, 160, 120, 0.9)
    draw.rounded_rectangle([left + 14, top + 30, right - 14, top + 110], radius=16, fill=SKY)
    draw.rounded_rectangle([left + 40, top + 140, right - 10, top + 220], radius=16, fill=YELLOW)
    _person(draw, 820, 260, NAVY)
    draw.ellipse([900, 120, 1060, 280], outline=CORAL, width=14)
    draw.line([1040, 260, 1110, 330], fill=CORAL, width=18)
    _caption(draw, "Een vraag aan een expert")
    return image


DRAWINGS = {
    "realtime": ("Eén klik en het is online", realtime),
    "voetafdruk": ("Je digitale voetafdruk", footprint),
    "camera": ("Eerst toestemming vragen", camera),
    "citaat": ("Wie heeft het gemaakt?", quote),
    "aardig": ("Aardig blijven, ook online", kindness),
    "praten": ("Praat het uit in het echt", talk),
    "klas": ("Samen oefenen in de klas", classroom),
    "expert": ("Een vraag aan een expert", expert),
}


def png_bytes(key):
    buffer = BytesIO()
    DRAWINGS[key][1]().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
