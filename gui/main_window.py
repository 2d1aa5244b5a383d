"""The main window: the network editor in the centre, docks around it, menus and toolbar."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QScrollArea, QToolBar, QWidget

from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.training.position import position_of

from . import blas_threads, language, main_thread_gc, text_size
from .accessible import name_windows_when_shown
from .actions import UndoLabels, create_actions
from .compact import PartsLabel
from .debugger.export import export_worked_example_dialog
from .documents import Documents
from .editor.view import export_canvas_dialog
from .help import connect_help
from .language import tr
from .lessons.menu import connect_lessons
from .plot_export import export_chosen_plot
from .studio import StudioSession
from .theme import CHOICES, apply_theme
from .torch_bridge import export_torch_dialog, import_torch_dialog
from .training_controls import TrainingControls
from .views import VIEWS, create_view, view_title
from .window_geometry import fit_to_screen
from .workers import shutdown_all

if TYPE_CHECKING:
    from .debugger.panel import StepDebugger
    from .editor.view import NetworkEditor
    from .graph.view import ComputationGraph
    from .lessons.recorder import LessonRecorder

LAYOUT_VERSION = 4     # bumped when the default arrangement changes: an older saved layout is not restored
# (4: the bottom row at least 384 px high at 1366x768, issue 25)

# The default arrangement: the network in the centre, the step debugger on the right, the forms
# tabbed on the left, and below the network the loss curve beside the data with the decision
# boundary, so the four a learner watches are visible together at 1366x768 (issue 15).
SIDE_BY_SIDE = (("lossCurve", "decisionBoundary"),)
TABBED = (("hyperparameters", "datasetPanel"), ("lossCurve", "lossSurface"),   # first one raised
          ("stepDebugger", "computationGraph", "lessonPanel"))
# a group's later docks: tabs behind its first.  Never stacked, even for a moment: a group's
# minimum heights would add up and push the window past a 768-pixel screen
BEHIND = frozenset(name for group in TABBED for name in group[1:])
# the bottom row's height: 42 % of the window, and at least what its pages need at 1366x768 (the
# loss surface's rows of controls above a plot of at least 150 pixels); the network keeps the rest
BOTTOM_SHARE, BOTTOM_MIN_PX = 0.42, 384


class MainWindow(QMainWindow):
    lesson_recorder: LessonRecorder      # made by gui/lessons/menu.py's connect_lessons

    def __init__(self, studio: StudioSession, restore_settings: bool = True) -> None:
        super().__init__()
        main_thread_gc.install()     # Qt objects die on the main thread, whatever a worker allocates
        name_windows_when_shown(cast(QApplication, QApplication.instance()))   # dialogs: gui/accessible.py
        blas_threads.one_thread_per_caller()   # small products, answered within a frame
        self.setObjectName("mainWindow")
        self.studio = studio
        self.setAcceptDrops(True)
        self.persist_settings = True      # off for --screenshot renders: they must not change the user's layout
        self.actions_ = create_actions(self)
        # the theme before the views: each draws once, in its colours, instead of drawing and
        # then redrawing on the theme's signal (on a 10x32 network, a second editor build)
        apply_theme(self)
        self.views: dict[str, QWidget] = {}       # by object name: gui/views.py says which class each is
        self.docks: dict[str, QDockWidget] = {}
        self._areas: dict[str, Qt.DockWidgetArea] = {}
        self._restoring = False
        self._build_views()
        self.documents = Documents(self.studio, self.actions_, self)
        self.controls = TrainingControls(self.studio, self.actions_, self, self.statusBar())
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.resize(1500, 950)
        self._sized = restore_settings and self._restore_settings()
        if restore_settings:         # a --screenshot render keeps the size it was asked for
            self._fit_to_screen()
        self._on_session_document_changed()

    # -- construction --------------------------------------------------------------------
    def _build_views(self) -> None:
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        for name, (_m, _c, _title, area) in VIEWS.items():
            view = create_view(name, self.studio)
            self.views[name] = view
            if area is None:
                self.setCentralWidget(view)
                continue
            dock = QDockWidget(view_title(name), self)
            dock.setObjectName(f"{name}Dock")
            if area == Qt.DockWidgetArea.LeftDockWidgetArea:   # forms scroll on a short screen
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QScrollArea.Shape.NoFrame)
                scroll.setWidget(view)
                scroll.setMinimumWidth(view.minimumSizeHint().width() + 16)
                # the form is never squeezed below its own minimum (rows drawn over each other
                # at a large text size): the scroll area scrolls instead
                view.setMinimumSize(0, 0)
                dock.setWidget(scroll)
            else:
                dock.setWidget(view)
            self.addDockWidget(area, dock, Qt.Orientation.Vertical)   # arranged once shown: reset_layout
            if name in BEHIND:
                dock.hide()      # a tab once arranged (reset_layout)
            self.docks[name] = dock
            self._areas[name] = area
        for dock in self.docks.values():
            # Qt keeps a dock behind another dock's tab "visible": hide its contents instead, so
            # views skip work while covered and get a showEvent when their tab is raised
            content = dock.widget()
            policy = content.sizePolicy()
            policy.setRetainSizeWhenHidden(True)   # a hidden content keeps the dock's size limits
            content.setSizePolicy(policy)
            dock.visibilityChanged.connect(lambda visible, d=dock: d.widget().setVisible(visible))
            dock.topLevelChanged.connect(lambda floating, d=dock: self._size_floating(d) if floating else None)

    def _size_floating(self, dock: QDockWidget) -> None:
        """A dock the user floats opens at its content's preferred size (within 90 % of the
        screen): floating is how a cramped view gets room (issue 25: the loss surface floated
        at the 300 pixels it had).  A layout being restored keeps its own sizes."""
        if self._restoring:
            return
        hint = dock.widget().sizeHint()
        screen = (dock.screen() or self.screen()).availableGeometry()
        dock.resize(min(max(dock.width(), hint.width()), int(screen.width() * 0.9)),
                    min(max(dock.height(), hint.height()), int(screen.height() * 0.9)))

    def restoreState(self, state, version: int | None = 0) -> bool:  # noqa: N802 - Qt's name
        self._restoring = True
        try:
            return super().restoreState(state, version)
        finally:
            self._restoring = False

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        file = bar.addMenu(tr("&File"))
        file.addAction(a["actionNew"])
        file.addAction(a["actionOpen"])
        file.addMenu(self.documents.recent_menu)
        file.addMenu(self.documents.examples_menu)
        file.addSeparator()
        file.addAction(a["actionSave"])
        file.addAction(a["actionSaveAs"])
        file.addSeparator()
        export = file.addMenu(tr("&Export"))
        export.setObjectName("menuExport")
        for name in ("actionExportWorkedExample", "actionExportCanvas", "actionExportPlot", None,
                     "actionExportTorch"):
            export.addSeparator() if name is None else export.addAction(a[name])
        import_ = file.addMenu(tr("&Import"))
        import_.setObjectName("menuImport")
        import_.addAction(a["actionImportTorch"])
        file.addSeparator()
        file.addAction(a["actionQuit"])
        edit = bar.addMenu(tr("&Edit"))
        edit.addAction(a["actionUndo"])
        edit.addAction(a["actionRedo"])
        view = bar.addMenu(tr("&View"))
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        theme_menu = view.addMenu(tr("&Theme"))
        for name in CHOICES:
            theme_menu.addAction(a[name])
        text_menu = view.addMenu(tr("Te&xt Size"))
        text_menu.setObjectName("menuTextSize")
        self.text_size_actions = text_size.build_menu(self, text_menu)
        language_menu = view.addMenu(tr("&Language"))
        language_menu.setObjectName("menuLanguage")
        self.language_actions = language.build_menu(self, language_menu)
        view.addAction(a["actionResetLayout"])
        train = bar.addMenu(tr("&Train"))
        for name in ("actionStepPhase", "actionStepTraining", "actionStepEpoch", "actionRunPause",
                     "actionRunUntil", "actionTrainEpochs", None, "actionStepBack", "actionStepBackPhase",
                     "actionResetTraining", None, "actionFineStepping", "actionPlayFine", None, "actionGradientCheck"):
            train.addSeparator() if name is None else train.addAction(a[name])
        help_ = bar.addMenu(tr("&Help"))
        for name in ("actionStartHere", "actionLessons", "actionShortcuts", "actionAbout"):
            help_.addAction(a[name])
        teach = help_.addMenu(tr("&Write a Lesson"))
        teach.setObjectName("menuWriteLesson")
        teach.addAction(a["actionLessonEditor"])
        teach.addSeparator()
        teach.addAction(a["actionRecordLessonStep"])
        teach.addAction(a["actionSaveLesson"])
        toolbar = QToolBar(tr("Training"), self)
        toolbar.setObjectName("trainingToolbar")
        for name in ("actionStepBack", "actionStepPhase", "actionStepTraining", "actionStepEpoch",
                     "actionRunPause", "actionResetTraining"):
            toolbar.addAction(a[name])
        self.controls.add_to_toolbar(toolbar)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        # the loss and η stay whole; a narrow window drops the epoch, then the step (issue 25, item 3)
        self.position_label = PartsLabel(keep=2, tip=tr("Where training stands: epoch, step, phase, loss and "
                                                        "learning rate"))
        self.position_label.setObjectName("statusPosition")
        self.statusBar().addPermanentWidget(self.position_label)

    def _connect(self) -> None:
        s, a = self.studio, self.actions_
        a["actionUndo"].triggered.connect(lambda: s.undo_stack.undo())
        a["actionRedo"].triggered.connect(lambda: s.undo_stack.redo())
        self._undo_labels = UndoLabels(s.undo_stack, a["actionUndo"], a["actionRedo"])
        s.undo_stack_replaced.connect(self._on_session_undo_stack_replaced)
        s.view_requested.connect(self._on_session_view_requested)
        # a slot of this window, not a lambda: Qt drops the connection when the window is
        # destroyed, so the session (which outlives it at exit) never calls into a deleted window
        s.modified_changed.connect(self.setWindowModified)
        a["actionResetLayout"].triggered.connect(self.reset_layout)
        a["actionQuit"].triggered.connect(self.close)
        a["actionGradientCheck"].triggered.connect(self._on_gradient_check_triggered)
        a["actionExportWorkedExample"].triggered.connect(
            lambda: export_worked_example_dialog(self, self.studio))
        a["actionExportCanvas"].triggered.connect(
            lambda: export_canvas_dialog(cast("NetworkEditor", self.views["networkEditor"])))
        a["actionExportPlot"].triggered.connect(self.export_plot_dialog)
        a["actionExportTorch"].triggered.connect(lambda: export_torch_dialog(self, self.studio))
        a["actionImportTorch"].triggered.connect(lambda: import_torch_dialog(self, self.studio))
        connect_help(self)
        connect_lessons(self)
        s.step_taken.connect(self._update_status)
        s.config_changed.connect(self._update_status)
        s.hidden.changed.connect(self._update_status)
        s.document_changed.connect(self._on_session_document_changed)
        s.path_changed.connect(self._on_session_document_changed)
        s.diverged.connect(self._on_session_diverged)
        s.note.connect(self._on_session_note)

    # -- behaviour -----------------------------------------------------------------------
    def _on_session_document_changed(self) -> None:
        path = self.studio.path
        name = path.name if path else (self.studio.title or tr("Untitled"))
        self.setWindowTitle(tr("{name}[*] — Backprop Studio").format(name=name))
        self.setWindowModified(self.studio.modified)
        self._update_status()

    def _on_session_view_requested(self, name: str) -> None:
        """Raise the dock of view ``name`` (a link between two views that share a tab group)."""
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()

    def _on_session_undo_stack_replaced(self) -> None:
        """Undo and Redo follow the document's own undo stack (a lesson's, or the user's again)."""
        a = self.actions_
        self._undo_labels.deleteLater()        # its connections to the other stack go with it
        self._undo_labels = UndoLabels(self.studio.undo_stack, a["actionUndo"], a["actionRedo"])

    def _update_status(self) -> None:
        # named as every view names it (core/training/position.py): "epoch 1 · step 3 done"
        core = self.studio.session
        at = position_of(core)
        where, epoch = at.text(tr), at.epoch
        loss = core.losses[-1] if core.losses else core.dataset_loss()
        # the loss of the last step, or at the current parameters before any: the batch loss a
        # full-batch step computes (hidden while a question or exercise mode asks for it)
        shown_loss = self.studio.hidden.text(Ref("batch_loss"), f"{loss:.6g}")
        self.position_label.set_parts([tr("epoch {n}").format(n=epoch), where,
                                       tr("loss {value}").format(value=shown_loss), f"η {core.learning_rate:.4g}"])

    def _on_session_diverged(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def _on_session_note(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def _on_gradient_check_triggered(self) -> None:
        self.docks["stepDebugger"].show()
        self.docks["stepDebugger"].raise_()
        cast("StepDebugger", self.views["stepDebugger"]).run_gradient_check()

    def export_plot_dialog(self) -> None:
        """Ask which plot (the focused or visible one preselected) and where, and export it as PNG
        or SVG; the computation graph, when it has the focus, exports itself."""
        focused = QApplication.focusWidget()
        graph = cast("ComputationGraph | None", self.views.get("computationGraph"))
        if graph is not None and focused is not None and graph.isAncestorOf(focused):
            graph.export_dialog()        # a QGraphicsScene, not a pyqtgraph plot
            return
        export_chosen_plot(self, self.views, self.docks, focused)   # which plot, by name (gui/plot_choices.py)

    def reset_layout(self) -> None:
        """The default arrangement (:data:`SIDE_BY_SIDE`, :data:`TABBED`) sized for the window.

        Arranged on a shown window only: tabifying a second group before the first show leaves
        a stray tab bar painted over the docks (Qt 6.11).
        """
        for dock in self.docks.values():   # out of the layout first: no old tab bar survives
            dock.setFloating(False)
            self.removeDockWidget(dock)
        for name, dock in self.docks.items():
            if name not in BEHIND:               # those are tabified below
                self.addDockWidget(self._areas[name], dock, Qt.Orientation.Vertical)
                dock.show()
        for first, second in SIDE_BY_SIDE:
            self.splitDockWidget(self.docks[first], self.docks[second], Qt.Orientation.Horizontal)
        for group in TABBED:
            for a, b in zip(group, group[1:]):
                self.tabifyDockWidget(self.docks[a], self.docks[b])
                self.docks[b].show()
            self.docks[group[0]].raise_()
        self._size_docks()

    def _restore_settings(self) -> bool:
        """The saved geometry and dock layout; False when there were none."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        return isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION)

    def _fit_to_screen(self) -> None:
        """Maximised on a small screen, else the geometry clamped to the screen it opens on
        (:func:`gui.window_geometry.fit_to_screen`)."""
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        g, a = self.geometry(), screen.availableGeometry()
        fitted = fit_to_screen((g.x(), g.y(), g.width(), g.height()), (a.x(), a.y(), a.width(), a.height()))
        if fitted is None:           # the screen's size first: without a window manager (Xvfb)
            self.setGeometry(a)       # maximising does nothing
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.setGeometry(QRect(*fitted))

    def _size_docks(self) -> None:
        """Default dock sizes for the window's size: the editor keeps the most room, the loss
        curve and the decision boundary share the width below it."""
        w, h = self.width(), self.height()
        left = [self.docks["hyperparameters"], self.docks["datasetPanel"]]
        side = max(270, w // 6)          # the forms' narrowest
        debugger = max(480, int(w * 0.3))  # a unit's v_in, v_out, f′ and δ side by side
        self.resizeDocks(left, [side] * 2, Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["stepDebugger"]], [debugger], Qt.Orientation.Horizontal)
        bottom = max(BOTTOM_MIN_PX, int(h * BOTTOM_SHARE))
        self.resizeDocks([self.docks["lossCurve"]], [bottom], Qt.Orientation.Vertical)
        half = max(1, (w - side - debugger) // 2)
        self.resizeDocks([self.docks["lossCurve"], self.docks["decisionBoundary"]], [half, half],
                         Qt.Orientation.Horizontal)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            # once the window is shown (see reset_layout); sizes set before are redistributed by Qt
            QTimer.singleShot(0, self.reset_layout)
        QTimer.singleShot(0, self._hide_covered_docks)

    def _hide_covered_docks(self) -> None:
        for dock in self.docks.values():
            if dock.isVisible() and not dock.isFloating():
                dock.widget().setVisible(not dock.visibleRegion().isEmpty())

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.studio.stop()
        if not self.documents.maybe_save():
            event.ignore()
            return
        shutdown_all()   # background computations end before their widgets go
        if self.persist_settings and self._sized:   # a window never shown was never arranged
            self.save_settings()
        self.documents.discard_autosave()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.documents.open_path(urls[0].toLocalFile())

