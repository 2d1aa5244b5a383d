<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Your prediction comes first: the lesson runs this once you commit it.</source>
        <translation>Primero va tu predicción: la lección lo ejecuta en cuanto la confirmes.</translation>
    </message>
    <message>
        <source>No value of the control reaches it from here.</source>
        <translation>Ningún valor del control lo alcanza desde aquí.</translation>
    </message>
    <message>
        <source>this folder is not there any more (Remove from List forgets it)</source>
        <translation>esta carpeta ya no existe (Quitar de la lista la olvida)</translation>
    </message>
    <message>
        <source>Shipped lessons</source>
        <translation>Lecciones incluidas</translation>
    </message>
    <message>
        <source>My Lessons ({folder})</source>
        <translation>Mis lecciones ({folder})</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Carpeta: {folder}</translation>
    </message>
    <message>
        <source>Course: {course}</source>
        <translation>Curso: {course}</translation>
    </message>
    <message>
        <source>Opened lesson files</source>
        <translation>Archivos de lección abiertos</translation>
    </message>
    <message>
        <source>Backprop Studio lessons and courses (*.json);;All files (*)</source>
        <translation>Lecciones y cursos de Backprop Studio (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>{section}: no lessons yet</source>
        <translation>{section}: aún no hay lecciones</translation>
    </message>
    <message>
        <source>{file}: cannot be read</source>
        <translation>{file}: no se puede leer</translation>
    </message>
    <message>
        <source>In the course: {course}</source>
        <translation>En el curso: {course}</translation>
    </message>
    <message>
        <source>Article sections: {sections}</source>
        <translation>Secciones del artículo: {sections}</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Archivo: {path}</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>This lesson cannot be started: {problem}</source>
        <translation>Esta lección no se puede empezar: {problem}</translation>
    </message>
    <message>
        <source>{file} was not opened: {problem}</source>
        <translation>No se abrió {file}: {problem}</translation>
    </message>
    <message>
        <source>Open a lesson or course</source>
        <translation>Abrir una lección o un curso</translation>
    </message>
    <message>
        <source>List the lessons of a folder</source>
        <translation>Listar las lecciones de una carpeta</translation>
    </message>
    <message>
        <source>Locked by the lesson: </source>
        <translation>Bloqueado por la lección: </translation>
    </message>
    <message>
        <source>The lessons, in sections (shipped, yours, added folders, courses), with your progress (steps done / steps)</source>
        <translation>Las lecciones, por secciones (incluidas, tuyas, carpetas añadidas, cursos), con tu progreso (pasos hechos / pasos)</translation>
    </message>
    <message>
        <source>Start the selected lesson where you left it (your own document is kept aside and comes back when you leave)</source>
        <translation>Empieza la lección elegida donde la dejaste (tu propio documento se aparta y vuelve cuando sales)</translation>
    </message>
    <message>
        <source>Reset progress</source>
        <translation>Restablecer progreso</translation>
    </message>
    <message>
        <source>Forget your progress in the selected lesson</source>
        <translation>Olvida tu progreso en la lección elegida</translation>
    </message>
    <message>
        <source>Open Lesson File…</source>
        <translation>Abrir lección…</translation>
    </message>
    <message>
        <source>Open a lesson or a course file from anywhere (File → Open does the same): it is listed here from then on</source>
        <translation>Abre un archivo de lección o de curso desde cualquier sitio (Archivo → Abrir hace lo mismo): desde entonces aparece aquí</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <source>List every lesson and course in a folder (a class&apos;s shared folder, say)</source>
        <translation>Lista todas las lecciones y cursos de una carpeta (por ejemplo, la carpeta compartida de una clase)</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Quitar de la lista</translation>
    </message>
    <message>
        <source>Stop listing the selected lesson&apos;s added folder or opened file (nothing is deleted)</source>
        <translation>Deja de listar la carpeta añadida o el archivo abierto de la lección elegida (no se borra nada)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lessons&lt;/b&gt;: the article, step by step, in the live app.</source>
        <translation>&lt;b&gt;Lecciones&lt;/b&gt;: el artículo, paso a paso, en la aplicación en vivo.</translation>
    </message>
    <message>
        <source>The step&apos;s text; the explanation follows it once the task is done</source>
        <translation>El texto del paso; la explicación aparece detrás cuando haces la tarea</translation>
    </message>
    <message>
        <source>your answer, e.g. 0.731</source>
        <translation>tu respuesta, p. ej. 0.731</translation>
    </message>
    <message>
        <source>Type the number the step asks for (three significant digits are enough), then press Enter or Check</source>
        <translation>Escribe el número que pide el paso (bastan tres cifras significativas) y pulsa Intro o Comprobar</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Check your answer ({tries} tries, then the value is shown)</source>
        <translation>Comprueba tu respuesta ({tries} intentos; después se muestra el valor)</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Pista</translation>
    </message>
    <message>
        <source>Show the next hint</source>
        <translation>Muestra la pista siguiente</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>Muéstramelo</translation>
    </message>
    <message>
        <source>Do this step&apos;s task for me</source>
        <translation>Hace por ti la tarea de este paso</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>The previous step</source>
        <translation>El paso anterior</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>The next step (once this step&apos;s task is done)</source>
        <translation>El paso siguiente (cuando hayas hecho la tarea de este paso)</translation>
    </message>
    <message>
        <source>Leave lesson</source>
        <translation>Salir de la lección</translation>
    </message>
    <message>
        <source>Back to the list; your own document comes back as you left it</source>
        <translation>Vuelve a la lista; tu propio documento vuelve tal como lo dejaste</translation>
    </message>
    <message>
        <source>The step&apos;s state is being built (its training replayed), off the window&apos;s thread</source>
        <translation>Se está construyendo el estado del paso (se repite su entrenamiento) fuera del hilo de la ventana</translation>
    </message>
    <message>
        <source>Preparing the step… %p%</source>
        <translation>Preparando el paso… %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop preparing the step (you stay where you were)</source>
        <translation>Deja de preparar el paso (te quedas donde estabas)</translation>
    </message>
    <message>
        <source>This step cannot be shown: {problem}</source>
        <translation>Este paso no se puede mostrar: {problem}</translation>
    </message>
    <message>
        <source>Preparing step {n}…</source>
        <translation>Preparando el paso {n}…</translation>
    </message>
    <message>
        <source>Cancelled: the lesson was not started.</source>
        <translation>Cancelado: la lección no se ha empezado.</translation>
    </message>
    <message>
        <source>Cancelled: step {n} was not prepared; this is still step {current}.</source>
        <translation>Cancelado: el paso {n} no se ha preparado; sigues en el paso {current}.</translation>
    </message>
    <message>
        <source>Left alone: {what}</source>
        <translation>Sin tocar: {what}</translation>
    </message>
    <message>
        <source>step {n} of {total}</source>
        <translation>paso {n} de {total}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Locked&lt;/b&gt; ({what}): {why}</source>
        <translation>&lt;b&gt;Bloqueado&lt;/b&gt; ({what}): {why}</translation>
    </message>
    <message>
        <source>Your turn: do what the text says (or press Show me).</source>
        <translation>Te toca: haz lo que dice el texto (o pulsa Muéstramelo).</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Done!</source>
        <translation>¡Hecho!</translation>
    </message>
    <message>
        <source>Done: the condition holds.</source>
        <translation>Hecho: la condición se cumple.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hint {n}.&lt;/b&gt; {hint}</source>
        <translation>&lt;b&gt;Pista {n}.&lt;/b&gt; {hint}</translation>
    </message>
    <message>
        <source>Look at {action} in the menus</source>
        <translation>Busca {action} en los menús</translation>
    </message>
    <message>
        <source>Backprop Studio lessons (*.json);;All files (*)</source>
        <translation>Lecciones de Backprop Studio (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Step {n}</source>
        <translation>Paso {n}</translation>
    </message>
    <message>
        <source>Record lesson step</source>
        <translation>Grabar paso de lección</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Text (Markdown, $math$)</source>
        <translation>Texto (Markdown, $math$)</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(sin texto)</translation>
    </message>
    <message>
        <source>Recorded lesson step {n}: save the lesson with Help → Write a Lesson → Save Lesson</source>
        <translation>Paso {n} de la lección grabado: guarda la lección con Ayuda → Escribir una lección → Guardar lección</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nada que guardar</translation>
    </message>
    <message>
        <source>Record a lesson step first (Help → Write a Lesson → Record Lesson Step).</source>
        <translation>Graba primero un paso de lección (Ayuda → Escribir una lección → Grabar paso de lección).</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>Guardar lección</translation>
    </message>
    <message>
        <source>My lesson</source>
        <translation>Mi lección</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Article sections (comma-separated)</source>
        <translation>Secciones del artículo (separadas por comas)</translation>
    </message>
    <message>
        <source>Lesson not saved</source>
        <translation>Lección no guardada</translation>
    </message>
    <message>
        <source>{file} was not written.</source>
        <translation>No se escribió {file}.</translation>
    </message>
    <message>
        <source>Saved the lesson ({n} steps) to {path}</source>
        <translation>Lección guardada ({n} pasos) en {path}</translation>
    </message>
    <message>
        <source>{title} (lesson)</source>
        <translation>{title} (lección)</translation>
    </message>
    <message>
        <source>Lesson settings</source>
        <translation>Ajustes de la lección</translation>
    </message>
    <message>
        <source>(shown as plain text: {problem})</source>
        <translation>(mostrado como texto plano: {problem})</translation>
    </message>
</context>
</TS>
