"""The demo articles' pictures: SVG drawings in cms/demo_content/pictures/, loaded into
Wagtail images so editors find them in the image library and can replace them.

A picture is found again by the hash of its file (Wagtail's own file_hash), so a
second seed adds none, and a drawing changed in the repository becomes a new image
rather than silently changing pages already published with the old one.
"""

import io
import re
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

PICTURES_DIR = Path(__file__).resolve().parent / "demo_content" / "pictures"
COLLECTION_NAME = "使い方の説明の絵"
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def picture_path(name: str) -> Path:
    return PICTURES_DIR / f"{name}.svg"


def picture_title(data: bytes, name: str) -> str:
    """The drawing's own <title> (Japanese, for the image library), or its file name."""
    found = TITLE.search(data)
    return found.group(1).decode().strip()[:255] if found else name


class Pictures:
    """Wagtail image ids by picture name, each loaded (or created) on first use."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._collection: Collection | None = None
        self.created = 0

    def image_id(self, name: str) -> int:
        if name not in self._ids:
            self._ids[name] = self._load(name)
        return self._ids[name]

    def _load(self, name: str) -> int:
        data = picture_path(name).read_bytes()
        digest = hash_filelike(io.BytesIO(data))
        found = Image.objects.filter(file_hash=digest).values_list("pk", flat=True).first()
        if found is not None:
            return found
        image = Image(
            title=picture_title(data, name),
            collection=self.collection(),
            file=ImageFile(ContentFile(data), name=f"{name}.svg"),
        )
        # What Wagtail's upload form does: size and hash (SVG dimensions come from
        # its width and height, which Pillow cannot read).
        image._set_image_file_metadata()
        image.save()
        self.created += 1
        return image.pk

    def collection(self) -> Collection:
        if self._collection is None:
            root = Collection.get_first_root_node()
            found = root.get_children().filter(name=COLLECTION_NAME).first()
            self._collection = found or root.add_child(name=COLLECTION_NAME)
        return self._collection
