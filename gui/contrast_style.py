"""The high-contrast theme's widget style: Fusion, with every control outlined in the text colour.

Fusion draws the frames of fields, boxes and buttons in a shade of the window colour
(``window.darker(140)``), which on the high-contrast theme's black window is black: the fields
and check boxes vanish.  This proxy lets Fusion draw as usual and then outlines those controls
in the palette's text colour (white), one pixel, so every control is seen against the window.
Used only while the high-contrast theme is on (:func:`gui.theme.apply_theme`).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption

PE = QStyle.PrimitiveElement
CC = QStyle.ComplexControl
OUTLINED = frozenset({PE.PE_FrameLineEdit, PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton,
                      PE.PE_PanelButtonCommand, PE.PE_PanelButtonTool, PE.PE_FrameGroupBox,
                      PE.PE_FrameTabWidget})
OUTLINED_COMPLEX = frozenset({CC.CC_ComboBox, CC.CC_SpinBox})


class HighContrastStyle(QProxyStyle):
    """Fusion, with controls outlined in the palette's text colour."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt's name
        super().drawPrimitive(element, option, painter, widget)
        if element in OUTLINED and option is not None:
            if element == PE.PE_PanelButtonTool and not (option.state & QStyle.StateFlag.State_Raised
                                                         or option.state & QStyle.StateFlag.State_Sunken):
                return          # an auto-raise tool button at rest (a toolbar's) stays flat
            _outline(painter, option, option.rect)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: N802 - Qt's name
        super().drawComplexControl(control, option, painter, widget)
        if control in OUTLINED_COMPLEX and option is not None:
            _outline(painter, option, option.rect)


def _outline(painter: QPainter, option: QStyleOption, rect: QRect) -> None:
    group = QPalette.ColorGroup.Disabled if not option.state & QStyle.StateFlag.State_Enabled \
        else QPalette.ColorGroup.Active
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(option.palette.color(group, QPalette.ColorRole.WindowText), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0, 0, -1, -1))
    painter.restore()
