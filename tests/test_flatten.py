"""`assembler.flatten`: the packet's fields drawn into their pages as they print, then removed."""

import io

import pikepdf
import pypdfium2

from assembler.flatten import _placement, flatten_widgets

CROSS = b"q 0 G 2 w 0 0 m 18 18 l S 0 18 m 18 0 l S Q"


def _form(pdf: pikepdf.Pdf, data: bytes, box=(0, 0, 18, 18)) -> pikepdf.Stream:
    return pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=list(box))


def _page_with(widgets) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    annotations = []
    for rect, state, flags in widgets:
        on = _form(pdf, CROSS)
        annotations.append(pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Btn, F=flags, Rect=list(rect),
            AS=pikepdf.Name(state), AP=pikepdf.Dictionary(N=pikepdf.Dictionary(Yes=on, Off=_form(pdf, b""))))))
    annotations.append(pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                                            Rect=[0, 0, 10, 10])))
    page.obj.Annots = pikepdf.Array(annotations)
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([a for a in annotations[:-1]]))
    return pdf


def _dark_pixels(pdf: pikepdf.Pdf, box) -> int:
    out = io.BytesIO()
    pdf.save(out)
    bitmap = pypdfium2.PdfDocument(out.getvalue())[0].render(scale=1, may_draw_forms=False, grayscale=True)
    pixels = bytes(bitmap.buffer)
    x0, y0, x1, y1 = box
    return sum(1 for row in range(200 - y1, 200 - y0) for col in range(x0, x1)
               if pixels[row * bitmap.stride + col * bitmap.n_channels] < 128)


def test_the_appearance_is_scaled_onto_the_widget_rectangle():
    pdf = pikepdf.new()
    widget = pikepdf.Dictionary(Rect=[100, 200, 109, 209])
    assert _placement(widget, _form(pdf, CROSS)) == "0.5 0 0 0.5 100.0000 200.0000"


def test_a_checked_box_prints_its_cross_an_unchecked_or_hidden_one_nothing_and_links_stay():
    pdf = _page_with([((20, 20, 38, 38), "/Yes", 4), ((60, 60, 78, 78), "/Off", 4), ((100, 100, 118, 118), "/Yes", 6)])
    flatten_widgets(pdf)
    page = pdf.pages[0]
    assert [str(a.Subtype) for a in page.Annots] == ["/Link"]
    assert "/AcroForm" not in pdf.Root
    assert _dark_pixels(pdf, (20, 20, 38, 38)) > 10
    assert _dark_pixels(pdf, (60, 60, 78, 78)) == 0
    assert _dark_pixels(pdf, (100, 100, 118, 118)) == 0  # flag 2: hidden
