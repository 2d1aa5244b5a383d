<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No state of its own: the step keeps what the previous step showed (and the learner did).</source>
        <translation>Sin estado propio: el paso conserva lo que mostró el paso anterior (y lo que hizo el estudiante).</translation>
    </message>
    <message>
        <source>the network ({project}) at step {step}, after {phase}</source>
        <translation>la red ({project}) en el paso {step}, tras {phase}</translation>
    </message>
    <message>
        <source>the network ({project}) at step {step}</source>
        <translation>la red ({project}) en el paso {step}</translation>
    </message>
    <message>
        <source>the 1-D view ({function}, t = {t})</source>
        <translation>la vista 1-D ({function}, t = {t})</translation>
    </message>
    <message>
        <source>the 2-D view ({function}, {runs} run(s), {steps} steps)</source>
        <translation>la vista 2-D ({function}, ejecuciones: {runs}, pasos: {steps})</translation>
    </message>
    <message>
        <source>Loads {parts}.</source>
        <translation>Carga {parts}.</translation>
    </message>
    <message>
        <source>Capture the network</source>
        <translation>Capturar la red</translation>
    </message>
    <message>
        <source>The document as the window shows it (at its initial parameters) and the training position: steps done and the phase of a step in progress; the value selected in the Step Debugger becomes the step&apos;s selection</source>
        <translation>El documento tal como lo muestra la ventana (con sus parámetros iniciales) y la posición del entrenamiento: pasos hechos y la fase de un paso en curso; el valor seleccionado en el depurador de pasos pasa a ser la selección del paso</translation>
    </message>
    <message>
        <source>Capture the 1-D view</source>
        <translation>Capturar la vista 1-D</translation>
    </message>
    <message>
        <source>The 1-D view&apos;s function, start, optimizer, η and the step t it shows</source>
        <translation>La función, el inicio, el optimizador, η y el paso t que muestra la vista 1-D</translation>
    </message>
    <message>
        <source>Capture the 2-D view</source>
        <translation>Capturar la vista 2-D</translation>
    </message>
    <message>
        <source>The 2-D view&apos;s function and its runs (each start, optimizer and η), and their steps</source>
        <translation>La función de la vista 2-D y sus ejecuciones (cada inicio, optimizador y η), y sus pasos</translation>
    </message>
    <message>
        <source>No state</source>
        <translation>Sin estado</translation>
    </message>
    <message>
        <source>The step keeps what the previous step showed (a question needs a state)</source>
        <translation>El paso conserva lo que mostró el paso anterior (una pregunta necesita un estado)</translation>
    </message>
    <message>
        <source>Clear step state</source>
        <translation>Quitar el estado del paso</translation>
    </message>
    <message>
        <source>Set the window up as the learner should find it (open a project and train it to a position, or set up the 1-D or 2-D view), then capture it here. A capture keeps the step&apos;s other parts: the network and a view can be captured into one step.</source>
        <translation>Prepara la ventana como debe encontrarla el estudiante (abre un proyecto y entrénalo hasta una posición, o prepara la vista 1-D o 2-D) y captúrala aquí. Una captura conserva las demás partes del paso: la red y una vista pueden capturarse en un mismo paso.</translation>
    </message>
    <message>
        <source>Capture {key}</source>
        <translation>Capturar {key}</translation>
    </message>
    <message>
        <source>training reached a position</source>
        <translation>el entrenamiento llegó a una posición</translation>
    </message>
    <message>
        <source>at least N training steps done</source>
        <translation>al menos N pasos de entrenamiento hechos</translation>
    </message>
    <message>
        <source>the batch loss is below</source>
        <translation>la pérdida del lote está por debajo de</translation>
    </message>
    <message>
        <source>training diverged</source>
        <translation>el entrenamiento divergió</translation>
    </message>
    <message>
        <source>the 1-D view has shown step N</source>
        <translation>la vista 1-D ha mostrado el paso N</translation>
    </message>
    <message>
        <source>the 1-D descent diverged</source>
        <translation>el descenso 1-D divergió</translation>
    </message>
    <message>
        <source>the race has at least N runs</source>
        <translation>la carrera tiene al menos N ejecuciones</translation>
    </message>
    <message>
        <source>(whole steps)</source>
        <translation>(pasos completos)</translation>
    </message>
    <message>
        <source>Do something (Show me can)</source>
        <translation>Hacer algo (Muéstramelo puede)</translation>
    </message>
    <message>
        <source>What Show me presses, up to the limit, until the condition holds</source>
        <translation>Lo que pulsa Muéstramelo, hasta el límite, hasta que se cumple la condición</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <source>A combined condition (&quot;all&quot;), kept as written: choose another to replace it.</source>
        <translation>Una condición combinada (&quot;all&quot;), conservada tal como está escrita: elige otra para sustituirla.</translation>
    </message>
    <message>
        <source>Where training is now</source>
        <translation>Posición actual del entrenamiento</translation>
    </message>
    <message>
        <source>The position the window&apos;s training is at: steps done and the phase of a step in progress</source>
        <translation>La posición en la que está el entrenamiento de la ventana: pasos hechos y la fase de un paso en curso</translation>
    </message>
    <message>
        <source>At most this many presses of Show me&apos;s action</source>
        <translation>Como máximo, este número de pulsaciones de la acción de Muéstramelo</translation>
    </message>
    <message>
        <source>Show me presses</source>
        <translation>Muéstramelo pulsa</translation>
    </message>
    <message>
        <source>Done when</source>
        <translation>Hecho cuando</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Presses at most</source>
        <translation>Máx. pulsaciones</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>Pasos hechos</translation>
    </message>
    <message>
        <source>Lesson Editor</source>
        <translation>Editor de lecciones</translation>
    </message>
    <message>
        <source>Recover lesson</source>
        <translation>Recuperar la lección</translation>
    </message>
    <message>
        <source>Backprop Studio did not close normally while you were writing a lesson. Recover the lesson?</source>
        <translation>Backprop Studio no se cerró con normalidad mientras escribías una lección. ¿Recuperar la lección?</translation>
    </message>
    <message>
        <source>Recovery failed</source>
        <translation>No se ha podido recuperar</translation>
    </message>
    <message>
        <source>The lesson draft could not be read.

{error}</source>
        <translation>No se pudo leer el borrador de la lección.

{error}</translation>
    </message>
    <message>
        <source>this is a course: the editor writes lessons (lessons pack makes a course of them); open one of its lesson files</source>
        <translation>esto es un curso: el editor escribe lecciones (lessons pack hace un curso con ellas); abre uno de sus archivos de lección</translation>
    </message>
    <message>
        <source>not a lesson draft</source>
        <translation>no es un borrador de lección</translation>
    </message>
    <message>
        <source>the draft has no steps</source>
        <translation>el borrador no tiene pasos</translation>
    </message>
    <message>
        <source>Backprop Studio lessons (*.json);;All files (*)</source>
        <translation>Lecciones de Backprop Studio (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>Comprobación cancelada.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Start a new lesson</source>
        <translation>Empezar una lección nueva</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <source>Edit a lesson file (a shipped one opens as a copy)</source>
        <translation>Editar un archivo de lección (uno incluido con la app se abre como copia)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the lesson (checked first; atomically)</source>
        <translation>Guardar la lección (se comprueba antes; de forma atómica)</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Save the lesson under a new name</source>
        <translation>Guardar la lección con otro nombre</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo the last edit of the lesson</source>
        <translation>Deshacer la última edición de la lección</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Redo the last undone edit of the lesson</source>
        <translation>Rehacer la última edición deshecha de la lección</translation>
    </message>
    <message>
        <source>▶ Try from Here</source>
        <translation>▶ Probar</translation>
    </message>
    <message>
        <source>Play the lesson as a learner from the selected step, in the Lessons panel (Back to Editing returns)</source>
        <translation>Seguir la lección como estudiante desde el paso seleccionado, en el panel Lecciones (Volver a editar regresa)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Check the lesson as `lessons check` does: every state built and every value computed (in the background)</source>
        <translation>Comprobar la lección como lo hace `lessons check`: cada estado construido y cada valor calculado (en segundo plano)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lección</translation>
    </message>
    <message>
        <source>New, Open…, Save As…</source>
        <translation>Nuevo, Abrir…, Guardar como…</translation>
    </message>
    <message>
        <source>Back to Editing</source>
        <translation>Volver a editar</translation>
    </message>
    <message>
        <source>Leave the lesson: your document comes back, and the editor</source>
        <translation>Salir de la lección: vuelven tu documento y el editor</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Show &amp;&amp; Lock</source>
        <translation>Mostrar y bloquear</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Checking: building the states… %p%</source>
        <translation>Comprobando: construyendo los estados… %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation>Dejar de comprobar</translation>
    </message>
    <message>
        <source>copy of {file}</source>
        <translation>copia de {file}</translation>
    </message>
    <message>
        <source>new lesson</source>
        <translation>lección nueva</translation>
    </message>
    <message>
        <source>Lesson Editor — {name}</source>
        <translation>Editor de lecciones — {name}</translation>
    </message>
    <message>
        <source>No problems found. (Check also builds every state, as `lessons check` does.)</source>
        <translation>No se encontraron problemas. (Comprobar además construye cada estado, como hace `lessons check`.)</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <source>{n} problem</source>
        <translation>{n} problema</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} problemas</translation>
    </message>
    <message>
        <source> (this step: see Text)</source>
        <translation> (este paso: mira Texto)</translation>
    </message>
    <message>
        <source>Checked: every state builds and every value computes.</source>
        <translation>Comprobado: cada estado se construye y cada valor se calcula.</translation>
    </message>
    <message>
        <source>Unsaved lesson</source>
        <translation>Lección sin guardar</translation>
    </message>
    <message>
        <source>The lesson you are writing has unsaved changes. Save them?</source>
        <translation>La lección que escribes tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>Edit a lesson</source>
        <translation>Editar una lección</translation>
    </message>
    <message>
        <source>Cannot edit the lesson</source>
        <translation>No se puede editar la lección</translation>
    </message>
    <message>
        <source>{file} was not opened.

{error}</source>
        <translation>{file} no se abrió.

{error}</translation>
    </message>
    <message>
        <source>Save the lesson</source>
        <translation>Guardar la lección</translation>
    </message>
    <message>
        <source>Lesson id from the file name</source>
        <translation>Id de la lección a partir del nombre del archivo</translation>
    </message>
    <message>
        <source>Lesson not saved</source>
        <translation>Lección no guardada</translation>
    </message>
    <message>
        <source>{file} was not written.

{error}</source>
        <translation>{file} no se escribió.

{error}</translation>
    </message>
    <message>
        <source>1 to 60 of a-z, 0-9 and -: the learner&apos;s progress is kept under it</source>
        <translation>De 1 a 60 caracteres de a-z, 0-9 y -: el progreso del estudiante se guarda bajo este id</translation>
    </message>
    <message>
        <source>Markdown, shown under the lesson in the Lessons panel&apos;s list</source>
        <translation>Markdown, mostrado bajo la lección en la lista del panel Lecciones</translation>
    </message>
    <message>
        <source>The article&apos;s sections the lesson covers, separated by commas</source>
        <translation>Las secciones del artículo que cubre la lección, separadas por comas</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Edit lesson title</source>
        <translation>Editar el título de la lección</translation>
    </message>
    <message>
        <source>Edit lesson id</source>
        <translation>Editar el id de la lección</translation>
    </message>
    <message>
        <source>Edit summary</source>
        <translation>Editar el resumen</translation>
    </message>
    <message>
        <source>Edit sections</source>
        <translation>Editar las secciones</translation>
    </message>
    <message>
        <source>A copy of {file}, not saved yet (Save asks where)</source>
        <translation>Una copia de {file}, aún sin guardar (Guardar pregunta dónde)</translation>
    </message>
    <message>
        <source>Not saved yet (Save asks where; My Lessons is listed in the Lessons panel)</source>
        <translation>Aún sin guardar (Guardar pregunta dónde; Mis lecciones aparece en el panel Lecciones)</translation>
    </message>
    <message>
        <source>Check a mistake a learner makes here: a wrong answer that makes it gets your feedback instead of &quot;Not quite&quot;</source>
        <translation>Marca un error que un estudiante comete aquí: una respuesta incorrecta que lo comete recibe tu comentario en lugar de &quot;No exactamente&quot;</translation>
    </message>
    <message>
        <source>Check a mistake, then write what the learner reads when they make it</source>
        <translation>Marca un error y escribe lo que lee el estudiante cuando lo comete</translation>
    </message>
    <message>
        <source>{view} (view)</source>
        <translation>{view} (vista)</translation>
    </message>
    <message>
        <source>{action} (action)</source>
        <translation>{action} (acción)</translation>
    </message>
    <message>
        <source>What the step frames for a moment when it is shown</source>
        <translation>Lo que el paso enmarca un momento cuando se muestra</translation>
    </message>
    <message>
        <source>A tab page the step switches to (its dock is raised)</source>
        <translation>Una pestaña a la que cambia el paso (su panel pasa al frente)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Selected in the debugger</source>
        <translation>Selección del depurador</translation>
    </message>
    <message>
        <source>Select the value the Step Debugger has selected now when the step is shown</source>
        <translation>Seleccionar, al mostrar el paso, el valor que el depurador de pasos tiene seleccionado ahora</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Select nothing</source>
        <translation>No seleccionar nada</translation>
    </message>
    <message>
        <source>What the learner may not change in this step</source>
        <translation>Lo que el estudiante no puede cambiar en este paso</translation>
    </message>
    <message>
        <source>Why they are locked (the learner reads it), e.g. The network stays as drawn.</source>
        <translation>Por qué están bloqueados (lo lee el estudiante), p. ej. La red se queda como está dibujada.</translation>
    </message>
    <message>
        <source>Point at</source>
        <translation>Señalar</translation>
    </message>
    <message>
        <source>Raise tab</source>
        <translation>Pestaña</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Seleccionar</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Because</source>
        <translation>Porque</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>Select a value in the Step Debugger first</source>
        <translation>Selecciona primero un valor en el depurador de pasos</translation>
    </message>
    <message>
        <source>Edit what the step shows</source>
        <translation>Editar lo que muestra el paso</translation>
    </message>
    <message>
        <source>Edit locks</source>
        <translation>Editar los bloqueos</translation>
    </message>
    <message>
        <source>converges within N steps</source>
        <translation>converge en N pasos o menos</translation>
    </message>
    <message>
        <source>diverges within N steps</source>
        <translation>diverge en N pasos o menos</translation>
    </message>
    <message>
        <source>an epoch is N steps</source>
        <translation>una época son N pasos</translation>
    </message>
    <message>
        <source>One line the learner reads above the answer (w_11^(2) gets real sub- and superscripts)</source>
        <translation>Una línea que el estudiante lee encima de la respuesta (w_11^(2) se muestra con subíndices y superíndices reales)</translation>
    </message>
    <message>
        <source>Asks about</source>
        <translation>Pregunta por</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Enunciado</translation>
    </message>
    <message>
        <source>Known mistakes</source>
        <translation>Errores típicos</translation>
    </message>
    <message>
        <source>the 1-D view&apos;s step</source>
        <translation>paso de la vista 1-D</translation>
    </message>
    <message>
        <source>the race&apos;s selected run</source>
        <translation>ejecución seleccionada</translation>
    </message>
    <message>
        <source>Ask where the step x_t → x_t+1 the view shows goes</source>
        <translation>Preguntar hacia dónde va el paso x_t → x_t+1 que muestra la vista</translation>
    </message>
    <message>
        <source>Select a value in the Step Debugger first (click a number; step the training until it is computed).</source>
        <translation>Selecciona primero un valor en el depurador de pasos (haz clic en un número; avanza el entrenamiento hasta que se calcule).</translation>
    </message>
    <message>
        <source>the 1-D view</source>
        <translation>la vista 1-D</translation>
    </message>
    <message>
        <source>run {run} of the race</source>
        <translation>la ejecución {run} de la carrera</translation>
    </message>
    <message>
        <source>the step x_{t} → x_{next} of {where}</source>
        <translation>el paso x_{t} → x_{next} de {where}</translation>
    </message>
    <message>
        <source>Choose one (a sign, the largest, a direction)</source>
        <translation>Elegir una opción (un signo, el mayor, una dirección)</translation>
    </message>
    <message>
        <source>the sign of a value</source>
        <translation>el signo de un valor</translation>
    </message>
    <message>
        <source>the largest of some values</source>
        <translation>el mayor de varios valores</translation>
    </message>
    <message>
        <source>the smallest of some values</source>
        <translation>el menor de varios valores</translation>
    </message>
    <message>
        <source>which way a step goes</source>
        <translation>hacia dónde va un paso</translation>
    </message>
    <message>
        <source>What the learner chooses</source>
        <translation>Lo que elige el estudiante</translation>
    </message>
    <message>
        <source>Compare the values&apos; sizes (magnitude) or the signed values</source>
        <translation>Comparar el tamaño de los valores (magnitud) o los valores con signo</translation>
    </message>
    <message>
        <source>by magnitude</source>
        <translation>por magnitud</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>con signo</translation>
    </message>
    <message>
        <source>Add the debugger&apos;s selection</source>
        <translation>Añadir del depurador</translation>
    </message>
    <message>
        <source>The value selected in the Step Debugger: the one whose sign is asked, or one more to compare (2 to {n})</source>
        <translation>El valor seleccionado en el depurador de pasos: aquel cuyo signo se pregunta, o uno más para comparar (de 2 a {n})</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Compare other values</source>
        <translation>Comparar otros valores</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Elegir</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Valores</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Use the debugger&apos;s selection</source>
        <translation>Usar la selección del depurador</translation>
    </message>
    <message>
        <source>no values yet: add two or more from the debugger</source>
        <translation>aún no hay valores: añade dos o más desde el depurador</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>aún no hay valor</translation>
    </message>
    <message>
        <source>Predict, then watch (a number, a direction, a point)</source>
        <translation>Predecir y observar (un número, una dirección, un punto)</translation>
    </message>
    <message>
        <source>a number, after an action</source>
        <translation>un número, tras una acción</translation>
    </message>
    <message>
        <source>where a step lands (a click on the plot)</source>
        <translation>dónde cae un paso (un clic en la gráfica)</translation>
    </message>
    <message>
        <source>What the learner predicts before the app shows it</source>
        <translation>Lo que predice el estudiante antes de que la app lo muestre</translation>
    </message>
    <message>
        <source>Predict the value selected in the Step Debugger, as it is after the action</source>
        <translation>Predecir el valor seleccionado en el depurador de pasos, tal como queda tras la acción</translation>
    </message>
    <message>
        <source>What the app runs once the prediction is committed</source>
        <translation>Lo que ejecuta la app una vez confirmada la predicción</translation>
    </message>
    <message>
        <source>(nothing: the value as it is)</source>
        <translation>(nada: el valor tal como está)</translation>
    </message>
    <message>
        <source>then</source>
        <translation>y luego</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Predecir</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>{value}, after {action}</source>
        <translation>{value}, tras {action}</translation>
    </message>
    <message>
        <source>Reach a target with a control</source>
        <translation>Alcanzar un objetivo con un control</translation>
    </message>
    <message>
        <source>The control the learner sets</source>
        <translation>El control que ajusta el estudiante</translation>
    </message>
    <message>
        <source>What the control must make true</source>
        <translation>Lo que el control debe conseguir</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Control</translation>
    </message>
    <message>
        <source>until</source>
        <translation>hasta que</translation>
    </message>
    <message>
        <source>{control} (the learner sets it)</source>
        <translation>{control} (lo ajusta el estudiante)</translation>
    </message>
    <message>
        <source>no control yet</source>
        <translation>aún no hay control</translation>
    </message>
    <message>
        <source>Put the phases of a training step in order</source>
        <translation>Ordenar las fases de un paso de entrenamiento</translation>
    </message>
    <message>
        <source>the phases of one training step of the step&apos;s network (shown shuffled)</source>
        <translation>las fases de un paso de entrenamiento de la red del paso (se muestran desordenadas)</translation>
    </message>
    <message>
        <source>step {n} of {count}</source>
        <translation>paso {n} de {count}</translation>
    </message>
    <message>
        <source>Question.</source>
        <translation>Pregunta.</translation>
    </message>
    <message>
        <source>Task.</source>
        <translation>Tarea.</translation>
    </message>
    <message>
        <source>Your turn: do what the text says (or press Show me).</source>
        <translation>Te toca: haz lo que dice el texto (o pulsa Muéstramelo).</translation>
    </message>
    <message>
        <source>Hint {n}.</source>
        <translation>Pista {n}.</translation>
    </message>
    <message>
        <source>After the task:</source>
        <translation>Tras la tarea:</translation>
    </message>
    <message>
        <source>The step&apos;s title: one line, at most 80 characters (w_12^(1) gets real sub- and superscripts)</source>
        <translation>El título del paso: una línea, como máximo 80 caracteres (w_12^(1) se muestra con subíndices y superíndices reales)</translation>
    </message>
    <message>
        <source>Markdown: paragraphs, ### headings, - lists, **bold**, *italic*, `code`, [links](https://…), $inline maths$ and $$display maths$$ on lines of their own</source>
        <translation>Markdown: párrafos, ### encabezados, - listas, **negrita**, *cursiva*, `código`, [enlaces](https://…), $fórmulas en línea$ y $$fórmulas destacadas$$ en líneas propias</translation>
    </message>
    <message>
        <source>What the learner reads. Maths: {formula}</source>
        <translation>Lo que lee el estudiante. Fórmulas: {formula}</translation>
    </message>
    <message>
        <source>The step as the learner will see it (the Lessons panel&apos;s own rendering)</source>
        <translation>El paso tal como lo verá el estudiante (como lo presenta el propio panel Lecciones)</translation>
    </message>
    <message>
        <source>Edit step title</source>
        <translation>Editar el título del paso</translation>
    </message>
    <message>
        <source>Edit step text</source>
        <translation>Editar el texto del paso</translation>
    </message>
    <message>
        <source>The lesson&apos;s steps: select one to edit it, drag to reorder</source>
        <translation>Los pasos de la lección: selecciona uno para editarlo, arrastra para reordenar</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>A new step after the selected one</source>
        <translation>Un paso nuevo tras el seleccionado</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>A copy of the selected step after it (its state, task and all)</source>
        <translation>Una copia del paso seleccionado, tras él (con su estado, su tarea y todo)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete the selected step (Undo brings it back)</source>
        <translation>Eliminar el paso seleccionado (Deshacer lo recupera)</translation>
    </message>
    <message>
        <source>Move the selected step up</source>
        <translation>Subir el paso seleccionado</translation>
    </message>
    <message>
        <source>Move the selected step down</source>
        <translation>Bajar el paso seleccionado</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>Añadir paso</translation>
    </message>
    <message>
        <source>Duplicate step</source>
        <translation>Duplicar paso</translation>
    </message>
    <message>
        <source>Delete step</source>
        <translation>Eliminar paso</translation>
    </message>
    <message>
        <source>Move step</source>
        <translation>Mover paso</translation>
    </message>
    <message>
        <source>What the learner does in this step before Next</source>
        <translation>Lo que hace el estudiante en este paso antes de Siguiente</translation>
    </message>
    <message>
        <source>Edit task</source>
        <translation>Editar la tarea</translation>
    </message>
    <message>
        <source>Shown one at a time when the learner asks (Markdown; double-click to edit)</source>
        <translation>Se muestran de una en una cuando el estudiante las pide (Markdown; doble clic para editar)</translation>
    </message>
    <message>
        <source>Add hint</source>
        <translation>Añadir pista</translation>
    </message>
    <message>
        <source>Another hint (at most {n})</source>
        <translation>Otra pista (como máximo {n})</translation>
    </message>
    <message>
        <source>Remove hint</source>
        <translation>Quitar pista</translation>
    </message>
    <message>
        <source>Remove the selected hint</source>
        <translation>Quitar la pista seleccionada</translation>
    </message>
    <message>
        <source>Markdown shown after the answer, or when the task is done</source>
        <translation>Markdown que se muestra tras la respuesta, o cuando la tarea está hecha</translation>
    </message>
    <message>
        <source>Why the answer is what it is (shown once the task is done)</source>
        <translation>Por qué la respuesta es la que es (se muestra una vez hecha la tarea)</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>Pistas</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explicación</translation>
    </message>
    <message>
        <source>Edit explanation</source>
        <translation>Editar la explicación</translation>
    </message>
    <message>
        <source>Task: {kind}</source>
        <translation>Tarea: {kind}</translation>
    </message>
    <message>
        <source>Edit hints</source>
        <translation>Editar las pistas</translation>
    </message>
    <message>
        <source>No task (read, then Next)</source>
        <translation>Sin tarea (leer y luego Siguiente)</translation>
    </message>
    <message>
        <source>Question (type a number)</source>
        <translation>Pregunta (escribir un número)</translation>
    </message>
    <message>
        <source>Ask for the value selected in the Step Debugger (or the computation graph)</source>
        <translation>Preguntar por el valor seleccionado en el depurador de pasos (o en el grafo de cómputo)</translation>
    </message>
    <message>
        <source>coordinate </source>
        <translation>coordenada </translation>
    </message>
    <message>
        <source>For the race: which coordinate of x_t or of the gradient</source>
        <translation>Para la carrera: qué coordenada de x_t o del gradiente</translation>
    </message>
    <message>
        <source>in the 1-D view</source>
        <translation>en la vista 1-D</translation>
    </message>
    <message>
        <source>Ask for this quantity at the step t the 1-D view shows</source>
        <translation>Preguntar por esta magnitud en el paso t que muestra la vista 1-D</translation>
    </message>
    <message>
        <source>in the race (selected run)</source>
        <translation>en la ejecución seleccionada</translation>
    </message>
    <message>
        <source>Ask for this quantity of the race&apos;s selected run at the slider&apos;s step t</source>
        <translation>Preguntar por esta magnitud de la ejecución seleccionada de la carrera en el paso t del deslizador</translation>
    </message>
    <message>
        <source>One line the learner reads above the answer field (δ_1^(2) gets real sub- and superscripts)</source>
        <translation>Una línea que el estudiante lee encima del campo de respuesta (δ_1^(2) se muestra con subíndices y superíndices reales)</translation>
    </message>
    <message>
        <source>{percent} % (the default)</source>
        <translation>{percent} % (por defecto)</translation>
    </message>
    <message>
        <source>How close an answer must be, relative to the value (0: the exercise mode&apos;s rule, half a percent)</source>
        <translation>Cuánto debe acercarse una respuesta, en relación con el valor (0: la regla del modo ejercicio, medio por ciento)</translation>
    </message>
    <message>
        <source>Asks for</source>
        <translation>Pregunta por</translation>
    </message>
    <message>
        <source>Take it from</source>
        <translation>Tomarlo de</translation>
    </message>
    <message>
        <source>or its</source>
        <translation>o su</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Tolerancia</translation>
    </message>
    <message>
        <source>nothing yet: select a value, then press a button below</source>
        <translation>nada aún: selecciona un valor y pulsa un botón de abajo</translation>
    </message>
    <message>
        <source>Cannot try the lesson yet: {error}</source>
        <translation>Aún no se puede probar la lección: {error}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trying the lesson&lt;/b&gt; from step {n} in the Lessons panel, as a learner. Your document is kept aside.</source>
        <translation>&lt;b&gt;Probando la lección&lt;/b&gt; desde el paso {n} en el panel Lecciones, como estudiante. Tu documento queda aparte.</translation>
    </message>
</context>
</TS>
