"""Exercise mode hides the values the student is asked for in every view, not just the debugger."""
from __future__ import annotations


def label_text(scene, key):
    return scene.unit_labels[key].text()


def test_exercise_mode_hides_the_editor_values_too(main_window):
    studio = main_window.studio
    editor = main_window.views["networkEditor"]
    debugger = main_window.views["stepDebugger"]
    studio.step_phase()                                  # forward layer 1: its v_in, v_out are shown
    shown = label_text(editor.network_scene, (1, 0))
    assert "v_in -0.050" in shown
    debugger.exercise_box.setChecked(True)
    assert studio.exercise_mode
    hidden = label_text(editor.network_scene, (1, 0))
    assert "v_in ?" in hidden and "-0.050" not in hidden
    editor.network_scene.neurons[(1, 0)].setSelected(True)
    assert "hidden while exercise mode is on" in editor.inspector.text()
    debugger.exercise_box.setChecked(False)
    assert not studio.exercise_mode
    assert "v_in -0.050" in label_text(editor.network_scene, (1, 0))


def test_the_exercise_tolerance_needs_three_significant_digits():
    from backprop_studio.gui.debugger.exercise import is_right

    assert is_right(-0.0193, -0.019303730)          # three significant digits
    assert not is_right(-0.019, -0.019303730)       # two are not enough
    assert not is_right(0.0, 2.5e-4)                # a small gradient is not 0
    assert is_right(0.0, 3e-7) and is_right(1e-7, 0.0)
