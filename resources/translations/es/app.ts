<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nuevo…</translation>
    </message>
    <message>
        <source>Start a new document: a 2-D classification, a 1-D regression or the article&apos;s example</source>
        <translation>Empezar un documento nuevo: una clasificación 2-D, una regresión 1-D o el ejemplo del artículo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open a Backprop Studio project, lesson or course file (.json): a lesson starts in the Lessons panel, a course is listed there</source>
        <translation>Abrir un archivo de proyecto, lección o curso de Backprop Studio (.json): una lección empieza en el panel Lecciones y un curso aparece listado allí</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the document (atomically: a failed save keeps the old file)</source>
        <translation>Guardar el documento (de forma atómica: si falla, el archivo anterior se conserva)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>Save the document under a new name</source>
        <translation>Guardar el documento con un nombre nuevo</translation>
    </message>
    <message>
        <source>Export &amp;Worked Example…</source>
        <translation>Exportar &amp;ejemplo resuelto…</translation>
    </message>
    <message>
        <source>Export the current training step as a worked example (Markdown + LaTeX, or HTML)</source>
        <translation>Exportar el paso de entrenamiento actual como ejemplo resuelto (Markdown + LaTeX, o HTML)</translation>
    </message>
    <message>
        <source>Export &amp;Network Picture…</source>
        <translation>Exportar imagen de la &amp;red…</translation>
    </message>
    <message>
        <source>Save the network editor&apos;s canvas as PNG or SVG</source>
        <translation>Guardar el lienzo del editor de la red como PNG o SVG</translation>
    </message>
    <message>
        <source>Export &amp;Plot…</source>
        <translation>Exportar &amp;gráfica…</translation>
    </message>
    <message>
        <source>Save a plot as PNG or SVG: choose which (loss curve, decision boundary, diagnostics, loss surfaces, dataset); every plot&apos;s right-click menu has Export… too</source>
        <translation>Guardar una gráfica como PNG o SVG: elige cuál (curva de pérdida, frontera de decisión, diagnósticos, superficies de pérdida, conjunto de datos); el menú del botón derecho de cada gráfica también tiene Export…</translation>
    </message>
    <message>
        <source>Export P&amp;yTorch Script…</source>
        <translation>Exportar script de P&amp;yTorch…</translation>
    </message>
    <message>
        <source>Write the document as a runnable PyTorch script: the same network, data and training, in float64 (backprop-studio export-torch --verify proves it computes the same numbers)</source>
        <translation>Escribir el documento como un script de PyTorch ejecutable: la misma red, los mismos datos y el mismo entrenamiento, en float64 (backprop-studio export-torch --verify comprueba que calcula los mismos números)</translation>
    </message>
    <message>
        <source>&amp;Import PyTorch Weights…</source>
        <translation>&amp;Importar pesos de PyTorch…</translation>
    </message>
    <message>
        <source>Put the weights of a saved PyTorch state_dict (Linear layers) into this network; needs torch installed</source>
        <translation>Poner en esta red los pesos de un state_dict de PyTorch guardado (capas Linear); necesita torch instalado</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit Backprop Studio</source>
        <translation>Salir de Backprop Studio</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Deshacer la última edición</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Redo the last undone edit</source>
        <translation>Rehacer la última edición deshecha</translation>
    </message>
    <message>
        <source>Step &amp;Phase</source>
        <translation>Avanzar &amp;fase</translation>
    </message>
    <message>
        <source>One phase: forward through a layer, the loss, backward through a layer, or the update (F11)</source>
        <translation>Una fase: hacia delante por una capa, la pérdida, hacia atrás por una capa o la actualización (F11)</translation>
    </message>
    <message>
        <source>Step &amp;Training Step</source>
        <translation>Avanzar un &amp;paso</translation>
    </message>
    <message>
        <source>One training step: one update from one batch (F10)</source>
        <translation>Un paso de entrenamiento: una actualización con un lote (F10)</translation>
    </message>
    <message>
        <source>Step to End of &amp;Epoch</source>
        <translation>Terminar la épo&amp;ca</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch (Shift+F11)</source>
        <translation>Entrenar hasta el final de la época actual (Mayúsculas+F11)</translation>
    </message>
    <message>
        <source>&amp;Run / Pause</source>
        <translation>&amp;Ejecutar / Pausa</translation>
    </message>
    <message>
        <source>Train continuously, or pause (F5)</source>
        <translation>Entrenar sin parar, o pausar (F5)</translation>
    </message>
    <message>
        <source>Train &amp;N Epochs…</source>
        <translation>Entrenar &amp;N épocas…</translation>
    </message>
    <message>
        <source>Train a number of epochs, with a progress bar, the time left and Cancel (Ctrl+T)</source>
        <translation>Entrenar un número de épocas, con barra de progreso, el tiempo restante y Cancelar (Control+T)</translation>
    </message>
    <message>
        <source>Run &amp;Until…</source>
        <translation>Ejecutar &amp;hasta…</translation>
    </message>
    <message>
        <source>Train until a loss, a step count, or divergence</source>
        <translation>Entrenar hasta una pérdida, un número de pasos o la divergencia</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>Paso &amp;atrás</translation>
    </message>
    <message>
        <source>Step back one training step (F9); Shift+F9 steps back one phase</source>
        <translation>Retroceder un paso de entrenamiento (F9); Mayúsculas+F9 retrocede una fase</translation>
    </message>
    <message>
        <source>Step Back One P&amp;hase</source>
        <translation>&amp;Retroceder una fase</translation>
    </message>
    <message>
        <source>Step back one phase (Shift+F9)</source>
        <translation>Retroceder una fase (Mayúsculas+F9)</translation>
    </message>
    <message>
        <source>&amp;Fine Stepping</source>
        <translation>Pasos f&amp;inos</translation>
    </message>
    <message>
        <source>Step one unit at a time: F11 reveals a term w·v, a sum, an f, a contribution w·δ, a δ, a gradient or an update, lit on the network and the computation graph; Shift+F9 takes it back (Ctrl+F11)</source>
        <translation>Avanzar unidad a unidad: F11 revela un término w·v, una suma, una f, una contribución w·δ, una δ, un gradiente o una actualización, iluminados en la red y en el grafo de cómputo; Mayúsculas+F9 lo deshace (Control+F11)</translation>
    </message>
    <message>
        <source>Play Fine Steps</source>
        <translation>Reproducir pasos finos</translation>
    </message>
    <message>
        <source>Play or pause fine stepping: one unit at a time, at the fine speed, to the end of the training step (F6)</source>
        <translation>Reproducir o pausar los pasos finos: unidad a unidad, a la velocidad fina, hasta el final del paso de entrenamiento (F6)</translation>
    </message>
    <message>
        <source>Re&amp;set Training</source>
        <translation>Re&amp;stablecer</translation>
    </message>
    <message>
        <source>Back to the initial parameters, step 0 (Ctrl+R)</source>
        <translation>Volver a los parámetros iniciales, paso 0 (Control+R)</translation>
    </message>
    <message>
        <source>&amp;Gradient Check</source>
        <translation>Comprobar el &amp;gradiente</translation>
    </message>
    <message>
        <source>Compare backprop with central differences for every parameter</source>
        <translation>Comparar la retropropagación con diferencias centrales para cada parámetro</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>Restablecer &amp;disposición</translation>
    </message>
    <message>
        <source>Restore the default arrangement of the panels</source>
        <translation>Volver a la disposición predeterminada de los paneles</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>Light or dark as the operating system is set</source>
        <translation>Claro u oscuro según esté configurado el sistema operativo</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>Always use the light theme</source>
        <translation>Usar siempre el tema claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Always use the dark theme</source>
        <translation>Usar siempre el tema oscuro</translation>
    </message>
    <message>
        <source>&amp;High Contrast</source>
        <translation>&amp;Alto contraste</translation>
    </message>
    <message>
        <source>White text on black, strong yellows and cyans, thicker lines</source>
        <translation>Texto blanco sobre negro, amarillos y cianes intensos, líneas más gruesas</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>Texto más &amp;grande</translation>
    </message>
    <message>
        <source>Larger text in every view, plots included (Ctrl++)</source>
        <translation>Texto más grande en todas las vistas, gráficas incluidas (Control++)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>Texto más &amp;pequeño</translation>
    </message>
    <message>
        <source>Smaller text in every view (Ctrl+-)</source>
        <translation>Texto más pequeño en todas las vistas (Control+-)</translation>
    </message>
    <message>
        <source>&amp;Normal Text Size</source>
        <translation>Tamaño &amp;normal del texto</translation>
    </message>
    <message>
        <source>Text at its normal size, 100 % (Ctrl+0)</source>
        <translation>Texto a su tamaño normal, 100 % (Control+0)</translation>
    </message>
    <message>
        <source>&amp;Start Here</source>
        <translation>&amp;Empezar aquí</translation>
    </message>
    <message>
        <source>A short guide through the article&apos;s example</source>
        <translation>Una guía breve por el ejemplo del artículo</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Lecciones</translation>
    </message>
    <message>
        <source>The lessons: the article step by step in the live app, with your progress (Ctrl+L)</source>
        <translation>Las lecciones: el artículo paso a paso en la aplicación en vivo, con tu progreso (Control+L)</translation>
    </message>
    <message>
        <source>Lesson &amp;Editor…</source>
        <translation>&amp;Editor de lecciones…</translation>
    </message>
    <message>
        <source>Write a lesson: its steps, texts with maths, questions and tasks, with a live preview; capture what the app shows; try it as a learner; save it (your lessons are listed in the Lessons panel)</source>
        <translation>Escribir una lección: sus pasos, textos con fórmulas, preguntas y tareas, con vista previa en vivo; capturar lo que muestra la aplicación; probarla como estudiante; guardarla (tus lecciones aparecen en el panel Lecciones)</translation>
    </message>
    <message>
        <source>&amp;Record Lesson Step…</source>
        <translation>&amp;Grabar paso de lección…</translation>
    </message>
    <message>
        <source>Capture what the app shows (the document, the training position, the selected value) as a new lesson step</source>
        <translation>Capturar lo que muestra la aplicación (el documento, la posición del entrenamiento, el valor seleccionado) como un paso nuevo de lección</translation>
    </message>
    <message>
        <source>Save Lesson…</source>
        <translation>Guardar lección…</translation>
    </message>
    <message>
        <source>Write the recorded lesson steps to a lesson file</source>
        <translation>Escribir los pasos de lección grabados en un archivo de lección</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>Every keyboard shortcut</source>
        <translation>Todos los atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About Backprop Studio</source>
        <translation>&amp;Acerca de Backprop Studio</translation>
    </message>
    <message>
        <source>Versions of the app, Python, Qt, numpy and pyqtgraph; where your settings and files are kept</source>
        <translation>Versiones de la aplicación, Python, Qt, numpy y pyqtgraph; dónde se guardan tus ajustes y archivos</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Show the interface and the lessons in {language}</source>
        <translation>Mostrar la interfaz y las lecciones en {language}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Backprop Studio will be shown in {language} the next time it starts. Lessons you open from now on are in {language} already.</source>
        <translation>Backprop Studio se mostrará en {language} la próxima vez que se inicie. Las lecciones que abras a partir de ahora ya estarán en {language}.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}

The document is unchanged; you can go on working.</source>
        <translation>Algo ha fallado: {error}

El documento no ha cambiado; puedes seguir trabajando.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Error inesperado</translation>
    </message>
    <message>
        <source>Restart training?</source>
        <translation>¿Reiniciar el entrenamiento?</translation>
    </message>
    <message>
        <source>{what} restarts training from the current values: the steps taken so far (and their history for stepping back) are dropped.

Continue?</source>
        <translation>{what} reinicia el entrenamiento desde los valores actuales: se descartan los pasos dados hasta ahora (y su historial para retroceder).

¿Continuar?</translation>
    </message>
    <message>
        <source>Backprop Studio projects (*.json);;All files (*)</source>
        <translation>Proyectos de Backprop Studio (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Backprop Studio projects, lessons and courses (*.json);;All files (*)</source>
        <translation>Proyectos, lecciones y cursos de Backprop Studio (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>no se puede escribir {path}: {reason}</translation>
    </message>
    <message>
        <source>{file} was not opened.

{reason}</source>
        <translation>{file} no se ha abierto.

{reason}</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation>Abrir &amp;ejemplo</translation>
    </message>
    <message>
        <source>Open the shipped example {file}</source>
        <translation>Abrir el ejemplo incluido {file}</translation>
    </message>
    <message>
        <source>Open a project, lesson or course</source>
        <translation>Abrir un proyecto, una lección o un curso</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>No se puede abrir el archivo</translation>
    </message>
    <message>
        <source>{name} (example)</source>
        <translation>{name} (ejemplo)</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Guardar proyecto</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>No se ha podido guardar</translation>
    </message>
    <message>
        <source>The document was not saved; {file} is unchanged.

{reason}</source>
        <translation>El documento no se ha guardado; {file} no ha cambiado.

{reason}</translation>
    </message>
    <message>
        <source>Leave the lesson first (Leave lesson in the Lessons panel)</source>
        <translation>Sal primero de la lección (Salir de la lección, en el panel Lecciones)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>The document has unsaved changes. Save them?</source>
        <translation>El documento tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>Falló el guardado automático: {reason}</translation>
    </message>
    <message>
        <source>Recover document</source>
        <translation>Recuperar documento</translation>
    </message>
    <message>
        <source>Backprop Studio did not close normally. Recover the autosaved document?</source>
        <translation>Backprop Studio no se cerró con normalidad. ¿Recuperar el documento guardado automáticamente?</translation>
    </message>
    <message>
        <source>Recovery failed</source>
        <translation>No se ha podido recuperar</translation>
    </message>
    <message>
        <source>The autosaved document could not be read.

{reason}</source>
        <translation>No se ha podido leer el documento guardado automáticamente.

{reason}</translation>
    </message>
    <message>
        <source>fine step {i} of {n}</source>
        <translation>paso fino {i} de {n}</translation>
    </message>
    <message>
        <source> (F11: the next phase)</source>
        <translation> (F11: la fase siguiente)</translation>
    </message>
    <message>
        <source>&lt;i&gt;the numbers are left out: one of them is hidden by the lesson&apos;s question&lt;/i&gt;</source>
        <translation>&lt;i&gt;los números se omiten: la pregunta de la lección oculta uno de ellos&lt;/i&gt;</translation>
    </message>
    <message>
        <source>
&lt;h2&gt;Start here: one training step of the article&apos;s example, by hand&lt;/h2&gt;
&lt;p&gt;The window opens with the article&apos;s network: 3 inputs, 2 hidden units and 1 output, all
sigmoid, no biases, trained on one sample with E = ½ (y − ŷ)² and plain gradient descent.&lt;/p&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Look at the network&lt;/b&gt; in the centre. Each line is a weight w&lt;sub&gt;ij&lt;/sub&gt; of
W&lt;sup&gt;(k→k+1)&lt;/sup&gt;: row i is the unit it comes from, column j the unit it goes to. Blue is
positive, orange negative; thicker is larger. Double-click a line to type a new weight.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Press F11&lt;/b&gt; (Step Phase). The forward pass through layer 1 runs:
v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt; = W&lt;sup&gt;(0→1)T&lt;/sup&gt; x and v&lt;sub&gt;out&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt; = f(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt;).
The layer lights up in the editor and the Step Debugger shows the numbers.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Press F11 again&lt;/b&gt; for layer 2, then for the loss E.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Keep pressing F11&lt;/b&gt; for the backward pass: first δ&lt;sup&gt;(2)&lt;/sup&gt; = (ŷ − y) f′(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(2)&lt;/sup&gt;),
then δ&lt;sup&gt;(1)&lt;/sup&gt; = (W&lt;sup&gt;(1→2)&lt;/sup&gt; δ&lt;sup&gt;(2)&lt;/sup&gt;) ⊙ f′(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt;). Click any number in the
debugger and read &lt;i&gt;Why this number?&lt;/i&gt;: the formula, then the same formula with the numbers.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;One more F11&lt;/b&gt; applies the update ΔW = −η ∂E/∂W. Watch the weights change.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;F9&lt;/b&gt; steps back; &lt;b&gt;F10&lt;/b&gt; takes a whole training step; &lt;b&gt;F5&lt;/b&gt; runs and pauses.
Watch the loss curve fall and, on the Loss Surface tab, the path gradient descent takes.&lt;/li&gt;
&lt;li&gt;Try a huge learning rate (10) in the Hyperparameters panel, or open another example from
File → Open Example: xor, circle, spiral, moons, sine.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;Export the step as a worked example (File → Export → Export Worked Example) to hand it out.&lt;/p&gt;
</source>
        <translation>
&lt;h2&gt;Empieza aquí: un paso de entrenamiento del ejemplo del artículo, a mano&lt;/h2&gt;
&lt;p&gt;La ventana se abre con la red del artículo: 3 entradas, 2 unidades ocultas y 1 salida, todas
sigmoides, sin sesgos, entrenada con una muestra con E = ½ (y − ŷ)² y descenso de gradiente simple.&lt;/p&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Mira la red&lt;/b&gt; en el centro. Cada línea es un peso w&lt;sub&gt;ij&lt;/sub&gt; de
W&lt;sup&gt;(k→k+1)&lt;/sup&gt;: la fila i es la unidad de la que sale, la columna j la unidad a la que llega. El azul es
positivo, el naranja negativo; más gruesa es mayor. Haz doble clic en una línea para escribir un peso nuevo.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Pulsa F11&lt;/b&gt; (Avanzar fase). Se ejecuta la pasada hacia delante por la capa 1:
v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt; = W&lt;sup&gt;(0→1)T&lt;/sup&gt; x y v&lt;sub&gt;out&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt; = f(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt;).
La capa se ilumina en el editor y el Depurador de pasos muestra los números.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Pulsa F11 otra vez&lt;/b&gt; para la capa 2 y luego para la pérdida E.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Sigue pulsando F11&lt;/b&gt; para la pasada hacia atrás: primero δ&lt;sup&gt;(2)&lt;/sup&gt; = (ŷ − y) f′(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(2)&lt;/sup&gt;),
luego δ&lt;sup&gt;(1)&lt;/sup&gt; = (W&lt;sup&gt;(1→2)&lt;/sup&gt; δ&lt;sup&gt;(2)&lt;/sup&gt;) ⊙ f′(v&lt;sub&gt;in&lt;/sub&gt;&lt;sup&gt;(1)&lt;/sup&gt;). Haz clic en cualquier número del
depurador y lee &lt;i&gt;¿Por qué este número?&lt;/i&gt;: la fórmula y después la misma fórmula con los números.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Un F11 más&lt;/b&gt; aplica la actualización ΔW = −η ∂E/∂W. Mira cómo cambian los pesos.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;F9&lt;/b&gt; da un paso atrás; &lt;b&gt;F10&lt;/b&gt; da un paso de entrenamiento entero; &lt;b&gt;F5&lt;/b&gt; ejecuta y pausa.
Mira cómo baja la curva de pérdida y, en la pestaña Superficie de pérdida, el camino que sigue el descenso de gradiente.&lt;/li&gt;
&lt;li&gt;Prueba una tasa de aprendizaje enorme (10) en el panel Hiperparámetros, o abre otro ejemplo desde
Archivo → Abrir ejemplo: xor, circle, spiral, moons, sine.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;Exporta el paso como ejemplo resuelto (Archivo → Exportar → Exportar ejemplo resuelto) para repartirlo.&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Delete, Backspace</source>
        <translation>Supr, Retroceso</translation>
    </message>
    <message>
        <source>Network editor: remove the selected connections, units or layer</source>
        <translation>Editor de la red: quitar las conexiones, unidades o la capa seleccionadas</translation>
    </message>
    <message>
        <source>Network editor: fit the network to the view</source>
        <translation>Editor de la red: ajustar la red a la vista</translation>
    </message>
    <message>
        <source>Network editor: zoom in, zoom out</source>
        <translation>Editor de la red: acercar, alejar</translation>
    </message>
    <message>
        <source>Mouse wheel / drag</source>
        <translation>Rueda del ratón / arrastrar</translation>
    </message>
    <message>
        <source>Network editor: zoom / pan</source>
        <translation>Editor de la red: zoom / desplazar</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Doble clic</translation>
    </message>
    <message>
        <source>Network editor: type a weight (on a connection) or a bias (on a unit)</source>
        <translation>Editor de la red: escribir un peso (en una conexión) o un sesgo (en una unidad)</translation>
    </message>
    <message>
        <source>{action}: in the focused table or view</source>
        <translation>{action}: en la tabla o vista que tiene el foco</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>Empieza aquí</translation>
    </message>
    <message>
        <source>About Backprop Studio</source>
        <translation>Acerca de Backprop Studio</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Autosaves</source>
        <translation>Guardados automáticos</translation>
    </message>
    <message>
        <source>Your lessons</source>
        <translation>Tus lecciones</translation>
    </message>
    <message>
        <source>&lt;p&gt;See gradient descent and backpropagation, one number at a time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Mira el descenso de gradiente y la retropropagación, número a número.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Kept on this computer:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Guardado en este ordenador:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Licencia MIT.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Te&amp;xt Size</source>
        <translation>Tamaño del te&amp;xto</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>E&amp;ntrenar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Write a Lesson</source>
        <translation>Escri&amp;bir una lección</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Where training stands: epoch, step, phase, loss and learning rate</source>
        <translation>Dónde está el entrenamiento: época, paso, fase, pérdida y tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>{name}[*] — Backprop Studio</source>
        <translation>{name}[*] — Backprop Studio</translation>
    </message>
    <message>
        <source>epoch {n}</source>
        <translation>época {n}</translation>
    </message>
    <message>
        <source>loss {value}</source>
        <translation>pérdida {value}</translation>
    </message>
    <message>
        <source>2-D classification</source>
        <translation>Clasificación 2-D</translation>
    </message>
    <message>
        <source>1-D regression</source>
        <translation>Regresión 1-D</translation>
    </message>
    <message>
        <source>The article&apos;s example</source>
        <translation>El ejemplo del artículo</translation>
    </message>
    <message>
        <source>New document</source>
        <translation>Documento nuevo</translation>
    </message>
    <message>
        <source>Where the new document starts: a network, its data and its training settings</source>
        <translation>Desde dónde empieza el documento nuevo: una red, sus datos y sus ajustes de entrenamiento</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Start a new, untitled document here</source>
        <translation>Empezar aquí un documento nuevo, sin título</translation>
    </message>
    <message>
        <source>Keep the open document</source>
        <translation>Conservar el documento abierto</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Empezar desde:</translation>
    </message>
    <message>
        <source>{tip} (log scale)</source>
        <translation>{tip} (escala logarítmica)</translation>
    </message>
    <message>
        <source>{tip} (type an exact value)</source>
        <translation>{tip} (escribe un valor exacto)</translation>
    </message>
    <message>
        <source>{value} is beyond the slider&apos;s range ({lo} to {hi}); it is used as typed.</source>
        <translation>{value} está fuera del rango del control deslizante ({lo} a {hi}); se usa tal como se escribió.</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>Curva de pérdida</translation>
    </message>
    <message>
        <source>Decision boundary (the network&apos;s output over the inputs, with the data)</source>
        <translation>Frontera de decisión (la salida de la red sobre las entradas, con los datos)</translation>
    </message>
    <message>
        <source>Diagnostics: gradient norm per layer ‖∂E/∂W‖</source>
        <translation>Diagnósticos: norma del gradiente por capa ‖∂E/∂W‖</translation>
    </message>
    <message>
        <source>Diagnostics: weight norm per layer ‖W‖</source>
        <translation>Diagnósticos: norma de los pesos por capa ‖W‖</translation>
    </message>
    <message>
        <source>Loss surface: your network&apos;s landscape</source>
        <translation>Superficie de pérdida: el paisaje de tu red</translation>
    </message>
    <message>
        <source>Loss surface: 2-D function</source>
        <translation>Superficie de pérdida: función 2-D</translation>
    </message>
    <message>
        <source>Loss surface: 1-D function</source>
        <translation>Superficie de pérdida: función 1-D</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Exportar gráfica</translation>
    </message>
    <message>
        <source>Which plot?</source>
        <translation>¿Qué gráfica?</translation>
    </message>
    <message>
        <source>could not write {path}: the picture could not be rendered</source>
        <translation>no se ha podido escribir {path}: la imagen no se ha podido dibujar</translation>
    </message>
    <message>
        <source>Backprop Studio plot</source>
        <translation>Gráfica de Backprop Studio</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>Show a plot first (the loss curve, the decision boundary or the loss surface).</source>
        <translation>Muestra primero una gráfica (la curva de pérdida, la frontera de decisión o la superficie de pérdida).</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se ha podido exportar</translation>
    </message>
    <message>
        <source>Export plot: {plot}</source>
        <translation>Exportar gráfica: {plot}</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>mean over the batch of {n}</source>
        <translation>media sobre el lote de {n}</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>muestra </translation>
    </message>
    <message>
        <source>The sample of the batch whose v_in, v_out, f′ and δ are shown: the network editor, the step debugger and the computation graph show the same one.
∂E/∂w and the update are of the whole batch: the mean of the samples&apos; shares.</source>
        <translation>La muestra del lote cuyos v_in, v_out, f′ y δ se muestran: el editor de la red, el depurador de pasos y el grafo de cómputo muestran la misma.
∂E/∂w y la actualización son de todo el lote: la media de las partes de las muestras.</translation>
    </message>
    <message>
        <source> of {n}</source>
        <translation> de {n}</translation>
    </message>
    <message>
        <source>the limit is {mib} MiB of copies</source>
        <translation>el límite es de {mib} MiB de copias</translation>
    </message>
    <message>
        <source>{edit}: done without undo ({mib} MiB to keep; {limit})</source>
        <translation>{edit}: hecho sin poder deshacerlo ({mib} MiB que guardar; {limit})</translation>
    </message>
    <message>
        <source>The earlier undo history was dropped to make room ({limit})</source>
        <translation>Se ha descartado el historial anterior de deshacer para hacer sitio ({limit})</translation>
    </message>
    <message>
        <source>{edit} (adapt the network)</source>
        <translation>{edit} (adaptar la red)</translation>
    </message>
    <message>
        <source>{edit}: the network follows the data: {changes}</source>
        <translation>{edit}: la red se adapta a los datos: {changes}</translation>
    </message>
    <message>
        <source>Out of memory: training stopped</source>
        <translation>Sin memoria: el entrenamiento se ha detenido</translation>
    </message>
    <message>
        <source>Draw every text at {size} % of its normal size</source>
        <translation>Dibujar todo el texto al {size} % de su tamaño normal</translation>
    </message>
    <message>
        <source>Export PyTorch script</source>
        <translation>Exportar script de PyTorch</translation>
    </message>
    <message>
        <source>Import PyTorch weights</source>
        <translation>Importar pesos de PyTorch</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Script de Python (*.py)</translation>
    </message>
    <message>
        <source>Could not write the PyTorch script: {reason}</source>
        <translation>No se ha podido escribir el script de PyTorch: {reason}</translation>
    </message>
    <message>
        <source>PyTorch script saved to {path} (run it with: python {file} --steps 100)</source>
        <translation>Script de PyTorch guardado en {path} (ejecútalo con: python {file} --steps 100)</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt *.pth);;All files (*)</source>
        <translation>Pesos de PyTorch (*.pt *.pth);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Could not import {file}: {reason}</source>
        <translation>No se ha podido importar {file}: {reason}</translation>
    </message>
    <message>
        <source>Weights imported from {file} (Undo puts the old ones back)</source>
        <translation>Pesos importados de {file} (Deshacer vuelve a poner los anteriores)</translation>
    </message>
    <message>
        <source>Watchable</source>
        <translation>Observable</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 paso/s</translation>
    </message>
    <message>
        <source>5 steps/s</source>
        <translation>5 pasos/s</translation>
    </message>
    <message>
        <source>30 steps/s</source>
        <translation>30 pasos/s</translation>
    </message>
    <message>
        <source>300 steps/s</source>
        <translation>300 pasos/s</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Lo más rápido posible</translation>
    </message>
    <message>
        <source>Run until</source>
        <translation>Ejecutar hasta</translation>
    </message>
    <message>
        <source>the training loss is below</source>
        <translation>que la pérdida de entrenamiento baje de</translation>
    </message>
    <message>
        <source>the step count reaches</source>
        <translation>que el número de pasos llegue a</translation>
    </message>
    <message>
        <source>training diverges</source>
        <translation>que el entrenamiento diverja</translation>
    </message>
    <message>
        <source>Which condition stops the run (divergence always stops it)</source>
        <translation>Qué condición detiene la ejecución (la divergencia siempre la detiene)</translation>
    </message>
    <message>
        <source>Stop when the loss over the whole training set falls below this value</source>
        <translation>Detener cuando la pérdida sobre todo el conjunto de entrenamiento baje de este valor</translation>
    </message>
    <message>
        <source>Stop when this training step has been taken</source>
        <translation>Detener cuando se haya dado este paso de entrenamiento</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Run speed</source>
        <translation>Velocidad de ejecución</translation>
    </message>
    <message>
        <source>How fast Run trains: steps per second.  Watchable: an epoch in about 2 s (3 to 300 steps/s).  Train N Epochs always runs as fast as possible.</source>
        <translation>A qué velocidad entrena Ejecutar: pasos por segundo.  Observable: una época en unos 2 s (de 3 a 300 pasos/s).  Entrenar N épocas siempre va lo más rápido posible.</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Máxima</translation>
    </message>
    <message>
        <source>Run as fast as possible (the Speed box&apos;s last choice)</source>
        <translation>Ejecutar lo más rápido posible (la última opción del cuadro Velocidad)</translation>
    </message>
    <message>
        <source>Progress of the run, with the estimated time left</source>
        <translation>Progreso de la ejecución, con el tiempo restante estimado</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the run; the steps taken so far are kept</source>
        <translation>Detener la ejecución; los pasos dados hasta ahora se conservan</translation>
    </message>
    <message>
        <source>Fine stepping speed</source>
        <translation>Velocidad de los pasos finos</translation>
    </message>
    <message>
        <source>How fast Play Fine Steps reveals the units: ticks per second</source>
        <translation>A qué velocidad Reproducir pasos finos revela las unidades: tics por segundo</translation>
    </message>
    <message>
        <source>{n} tick/s</source>
        <translation>{n} tic/s</translation>
    </message>
    <message>
        <source>{n} ticks/s</source>
        <translation>{n} tics/s</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> Velocidad </translation>
    </message>
    <message>
        <source>Pause Fine Steps</source>
        <translation>Pausar pasos finos</translation>
    </message>
    <message>
        <source>Train epochs</source>
        <translation>Entrenar épocas</translation>
    </message>
    <message>
        <source>Epochs to train:</source>
        <translation>Épocas que entrenar:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>%p%  ({seconds} s left)</source>
        <translation>%p%  (quedan {seconds} s)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hiperparámetros</translation>
    </message>
    <message>
        <source>Step Debugger</source>
        <translation>Depurador de pasos</translation>
    </message>
    <message>
        <source>Loss Curve</source>
        <translation>Curva de pérdida</translation>
    </message>
    <message>
        <source>Decision Boundary</source>
        <translation>Frontera de decisión</translation>
    </message>
    <message>
        <source>Loss Surface</source>
        <translation>Superficie de pérdida</translation>
    </message>
    <message>
        <source>Computation Graph</source>
        <translation>Grafo de cómputo</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lecciones</translation>
    </message>
    <message>
        <source>More buttons of this toolbar</source>
        <translation>Más botones de esta barra</translation>
    </message>
</context>
</TS>
