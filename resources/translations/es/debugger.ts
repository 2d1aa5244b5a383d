<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>every sample of the batch</source>
        <translation>todas las muestras del lote</translation>
    </message>
    <message>
        <source>Markdown with LaTeX (*.md)</source>
        <translation>Markdown con LaTeX (*.md)</translation>
    </message>
    <message>
        <source>HTML page (*.html)</source>
        <translation>Página HTML (*.html)</translation>
    </message>
    <message>
        <source>Markdown with LaTeX, {every} (*.md)</source>
        <translation>Markdown con LaTeX, {every} (*.md)</translation>
    </message>
    <message>
        <source>HTML page, {every} (*.html)</source>
        <translation>Página HTML, {every} (*.html)</translation>
    </message>
    <message>
        <source>there is no training step to export yet: take a step first (F10)</source>
        <translation>aún no hay ningún paso de entrenamiento que exportar: da un paso primero (F10)</translation>
    </message>
    <message>
        <source>Worked example saved to {path} (the picture beside it: {figure})</source>
        <translation>Ejemplo resuelto guardado en {path} (la figura, a su lado: {figure})</translation>
    </message>
    <message>
        <source>Worked example saved to {path}</source>
        <translation>Ejemplo resuelto guardado en {path}</translation>
    </message>
    <message>
        <source>Export worked example</source>
        <translation>Exportar ejemplo resuelto</translation>
    </message>
    <message>
        <source>Could not export the worked example: {error}</source>
        <translation>No se pudo exportar el ejemplo resuelto: {error}</translation>
    </message>
    <message>
        <source>on the current batch</source>
        <translation>en el lote actual</translation>
    </message>
    <message>
        <source>on the whole training set</source>
        <translation>en todo el conjunto de entrenamiento</translation>
    </message>
    <message>
        <source>Check the gradient of the loss on the current step&apos;s batch (at the parameters before its update) or on all training samples</source>
        <translation>Comprobar el gradiente de la pérdida en el lote del paso actual (con los parámetros de antes de su actualización) o en todas las muestras de entrenamiento</translation>
    </message>
    <message>
        <source>Run gradient check</source>
        <translation>Comprobar el gradiente</translation>
    </message>
    <message>
        <source>Compare backprop with central differences (E(p+h) − E(p−h)) / 2h for every parameter; relative errors above {flag} are flagged</source>
        <translation>Comparar la retropropagación con las diferencias centrales (E(p+h) − E(p−h)) / 2h para cada parámetro; se marcan los errores relativos mayores que {flag}</translation>
    </message>
    <message>
        <source>The check is running</source>
        <translation>La comprobación está en marcha</translation>
    </message>
    <message>
        <source>Not run yet.</source>
        <translation>Aún no se ha ejecutado.</translation>
    </message>
    <message>
        <source>The worst relative error over all parameters</source>
        <translation>El peor error relativo entre todos los parámetros</translation>
    </message>
    <message>
        <source>Relative error |a − n| / (|a| + |n|) per parameter; ✗ marks errors above {flag}</source>
        <translation>Error relativo |a − n| / (|a| + |n|) por parámetro; ✗ marca los errores mayores que {flag}</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>parámetro</translation>
    </message>
    <message>
        <source>backprop</source>
        <translation>retroprop.</translation>
    </message>
    <message>
        <source>numerical</source>
        <translation>numérico</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>error relativo</translation>
    </message>
    <message>
        <source>the whole training set at the current parameters</source>
        <translation>todo el conjunto de entrenamiento con los parámetros actuales</translation>
    </message>
    <message>
        <source>the batch of step {step} at its parameters before the update</source>
        <translation>el lote del paso {step} con sus parámetros de antes de la actualización</translation>
    </message>
    <message>
        <source>Checking {count} parameters on {where}…</source>
        <translation>Comprobando {count} parámetros en {where}…</translation>
    </message>
    <message>
        <source>The gradient check failed: {error}</source>
        <translation>La comprobación del gradiente falló: {error}</translation>
    </message>
    <message>
        <source> (the {count} worst shown)</source>
        <translation> (se muestran los {count} peores)</translation>
    </message>
    <message>
        <source>{count} parameter(s) above {flag}: check those gradients</source>
        <translation>{count} parámetro(s) por encima de {flag}: revisa esos gradientes</translation>
    </message>
    <message>
        <source>all within {flag}: backprop agrees with central differences</source>
        <translation>todos dentro de {flag}: la retropropagación coincide con las diferencias centrales</translation>
    </message>
    <message>
        <source>Checked {count} parameters on {where}{more}. Worst relative error {worst}; {verdict}.</source>
        <translation>Comprobados {count} parámetros en {where}{more}. Peor error relativo: {worst}; {verdict}.</translation>
    </message>
    <message>
        <source>relative error above {flag}</source>
        <translation>error relativo mayor que {flag}</translation>
    </message>
    <message>
        <source>relative error at most {flag}</source>
        <translation>error relativo como mucho {flag}</translation>
    </message>
    <message>
        <source>… samples {first}–{last} of {batch} shown: choose another sample with the sample box</source>
        <translation>… se muestran las muestras {first}–{last} de {batch}: elige otra muestra en el selector de muestras</translation>
    </message>
    <message>
        <source>Layer 0: the inputs x = v_out^(0)  ({n} unit)</source>
        <translation>Capa 0: las entradas x = v_out^(0)  ({n} unidad)</translation>
    </message>
    <message>
        <source>Layer 0: the inputs x = v_out^(0)  ({n} units)</source>
        <translation>Capa 0: las entradas x = v_out^(0)  ({n} unidades)</translation>
    </message>
    <message>
        <source>unit {n}</source>
        <translation>unidad {n}</translation>
    </message>
    <message>
        <source>… {n} more units of layer {k} not shown</source>
        <translation>… {n} unidades más de la capa {k} no se muestran</translation>
    </message>
    <message>
        <source>Targets y (as the loss sees them), in the v_out columns</source>
        <translation>Objetivos y (tal como los ve la pérdida), en las columnas v_out</translation>
    </message>
    <message>
        <source>before</source>
        <translation>antes</translation>
    </message>
    <message>
        <source>Δ (update)</source>
        <translation>Δ (actualización)</translation>
    </message>
    <message>
        <source>after</source>
        <translation>después</translation>
    </message>
    <message>
        <source>removed connection</source>
        <translation>conexión eliminada</translation>
    </message>
    <message>
        <source>{W} and {b}: rows i = units of layer {k}, columns j = units of layer {next}</source>
        <translation>{W} y {b}: filas i = unidades de la capa {k}, columnas j = unidades de la capa {next}</translation>
    </message>
    <message>
        <source>{W}: rows i = units of layer {k}, columns j = units of layer {next}</source>
        <translation>{W}: filas i = unidades de la capa {k}, columnas j = unidades de la capa {next}</translation>
    </message>
    <message>
        <source>… {n} more parameters of {W} not shown</source>
        <translation>… {n} parámetros más de {W} no se muestran</translation>
    </message>
    <message>
        <source>Before the update</source>
        <translation>Antes de la actualización</translation>
    </message>
    <message>
        <source>E: mean over the batch</source>
        <translation>E: media sobre el lote</translation>
    </message>
    <message>
        <source>After the update (same batch)</source>
        <translation>Después de la actualización (mismo lote)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Layer {k} (output, {activation}): v_in^({k}), v_out^({k}), δ^({k})</source>
        <translation>Capa {k} (salida, {activation}): v_in^({k}), v_out^({k}), δ^({k})</translation>
    </message>
    <message>
        <source>Layer {k} (hidden, {activation}): v_in^({k}), v_out^({k}), δ^({k})</source>
        <translation>Capa {k} (oculta, {activation}): v_in^({k}), v_out^({k}), δ^({k})</translation>
    </message>
    <message>
        <source>Select a value to see its formula. Ctrl+C copies this grid (TSV); right-click for CSV or all grids</source>
        <translation>Selecciona un valor para ver su fórmula. Ctrl+C copia esta cuadrícula (TSV); clic derecho para CSV o para todas las cuadrículas</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>media</translation>
    </message>
    <message>
        <source>{what}. Rows = units of layer {k}; columns = samples of the batch</source>
        <translation>{what}. Filas = unidades de la capa {k}; columnas = muestras del lote</translation>
    </message>
    <message>
        <source>{what}. Rows = units of layer {k}</source>
        <translation>{what}. Filas = unidades de la capa {k}</translation>
    </message>
    <message>
        <source>The inputs x of the step</source>
        <translation>Las entradas x del paso</translation>
    </message>
    <message>
        <source>Layer 0: the inputs x = v_out^(0)</source>
        <translation>Capa 0: las entradas x = v_out^(0)</translation>
    </message>
    <message>
        <source>The weighted inputs v_in</source>
        <translation>Las entradas ponderadas v_in</translation>
    </message>
    <message>
        <source>The outputs v_out = f(v_in)</source>
        <translation>Las salidas v_out = f(v_in)</translation>
    </message>
    <message>
        <source>y (target)</source>
        <translation>y (objetivo)</translation>
    </message>
    <message>
        <source>The targets y, as the loss sees them</source>
        <translation>Los objetivos y, tal como los ve la pérdida</translation>
    </message>
    <message>
        <source>The error terms δ = ∂E/∂v_in, and their mean over the batch (what the update uses)</source>
        <translation>Los términos de error δ = ∂E/∂v_in y su media sobre el lote (la que usa la actualización)</translation>
    </message>
    <message>
        <source>The error terms δ = ∂E/∂v_in</source>
        <translation>Los términos de error δ = ∂E/∂v_in</translation>
    </message>
    <message>
        <source>{n} unit</source>
        <translation>{n} unidad</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} unidades</translation>
    </message>
    <message>
        <source>showing units 1–{shown}</source>
        <translation>se muestran las unidades 1–{shown}</translation>
    </message>
    <message>
        <source>columns = samples 1–{shown} of {batch}</source>
        <translation>columnas = muestras 1–{shown} de {batch}</translation>
    </message>
    <message>
        <source>columns = the {batch} samples of the batch</source>
        <translation>columnas = las {batch} muestras del lote</translation>
    </message>
    <message>
        <source>The gradient ∂E/∂w = v_out,i^(k) δ_j^(k+1)</source>
        <translation>El gradiente ∂E/∂w = v_out,i^(k) δ_j^(k+1)</translation>
    </message>
    <message>
        <source>The update Δw the optimizer computed (for plain SGD: −η ∂E/∂w)</source>
        <translation>La actualización Δw que calculó el optimizador (para SGD simple: −η ∂E/∂w)</translation>
    </message>
    <message>
        <source>{W} before</source>
        <translation>{W} antes</translation>
    </message>
    <message>
        <source>The weights before the update</source>
        <translation>Los pesos antes de la actualización</translation>
    </message>
    <message>
        <source>The biases before the update</source>
        <translation>Los sesgos antes de la actualización</translation>
    </message>
    <message>
        <source>{W} after</source>
        <translation>{W} después</translation>
    </message>
    <message>
        <source>The weights after the update, w + Δw</source>
        <translation>Los pesos después de la actualización, w + Δw</translation>
    </message>
    <message>
        <source>The biases after the update, w + Δw</source>
        <translation>Los sesgos después de la actualización, w + Δw</translation>
    </message>
    <message>
        <source>{W}  ({rows}×{columns}: rows = units of layer {k}, columns = units of layer {next})</source>
        <translation>{W}  ({rows}×{columns}: filas = unidades de la capa {k}, columnas = unidades de la capa {next})</translation>
    </message>
    <message>
        <source>  and {b}  (a row: one bias per unit of layer {next})</source>
        <translation>  y {b}  (una fila: un sesgo por unidad de la capa {next})</translation>
    </message>
    <message>
        <source>  — showing rows 1–{rows} and columns 1–{columns}; the Weights &amp; biases tab lists more</source>
        <translation>  — se muestran las filas 1–{rows} y las columnas 1–{columns}; la pestaña Pesos &amp; sesgos lista más</translation>
    </message>
    <message>
        <source> (batch mean)</source>
        <translation> (media del lote)</translation>
    </message>
    <message>
        <source>{what}{mean}. Row i = unit i of layer {k}, column j = unit j of layer {next}</source>
        <translation>{what}{mean}. Fila i = unidad i de la capa {k}, columna j = unidad j de la capa {next}</translation>
    </message>
    <message>
        <source>{what}{mean}: the bias of each unit of layer {next}</source>
        <translation>{what}{mean}: el sesgo de cada unidad de la capa {next}</translation>
    </message>
    <message>
        <source>A removed connection: its weight stays 0 and is never updated</source>
        <translation>Una conexión eliminada: su peso sigue en 0 y nunca se actualiza</translation>
    </message>
    <message>
        <source>Copy {grid} as TSV</source>
        <translation>Copiar {grid} como TSV</translation>
    </message>
    <message>
        <source>Copy {grid} as CSV</source>
        <translation>Copiar {grid} como CSV</translation>
    </message>
    <message>
        <source>Copy all grids as TSV</source>
        <translation>Copiar todas las cuadrículas como TSV</translation>
    </message>
    <message>
        <source>Copy all grids as CSV</source>
        <translation>Copiar todas las cuadrículas como CSV</translation>
    </message>
    <message>
        <source>The step in the article&apos;s notation: vectors as columns, W^(k→k+1) as grids with rows = units of layer k and columns = units of layer k+1</source>
        <translation>El paso en la notación del artículo: vectores como columnas, W^(k→k+1) como cuadrículas con filas = unidades de la capa k y columnas = unidades de la capa k+1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;a href=&quot;{link}&quot;&gt;See this value in the Computation Graph&lt;/a&gt;: its node, the local rule and the chain rule, one scalar at a time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;a href=&quot;{link}&quot;&gt;Ver este valor en el Grafo de cómputo&lt;/a&gt;: su nodo, la regla local y la regla de la cadena, un escalar cada vez.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Where training stands: epoch, training step, the samples of the batch, the phase</source>
        <translation>Dónde está el entrenamiento: época, paso de entrenamiento, las muestras del lote, la fase</translation>
    </message>
    <message>
        <source>The batch loss before the step&apos;s update and after it (same batch)</source>
        <translation>La pérdida del lote antes de la actualización del paso y después de ella (mismo lote)</translation>
    </message>
    <message>
        <source>Training stopped: a value became infinite or not a number</source>
        <translation>El entrenamiento se detuvo: un valor se volvió infinito o no es un número</translation>
    </message>
    <message>
        <source>Each unit&apos;s v_in, v_out, f&apos;(v_in) and δ; select a value to see its formula. Ctrl+C copies (TSV); right-click for CSV</source>
        <translation>v_in, v_out, f&apos;(v_in) y δ de cada unidad; selecciona un valor para ver su fórmula. Ctrl+C copia (TSV); clic derecho para CSV</translation>
    </message>
    <message>
        <source>Each weight and bias: before, ∂E/∂, the update Δ, after, and the optimizer state. Ctrl+C copies (TSV); right-click for CSV</source>
        <translation>Cada peso y sesgo: antes, ∂E/∂, la actualización Δ, después y el estado del optimizador. Ctrl+C copia (TSV); clic derecho para CSV</translation>
    </message>
    <message>
        <source>The loss of each sample, the batch mean, and the loss after the update</source>
        <translation>La pérdida de cada muestra, la media del lote y la pérdida después de la actualización</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Weights &amp;&amp; biases</source>
        <translation>Pesos &amp;&amp; sesgos</translation>
    </message>
    <message>
        <source>Matrices</source>
        <translation>Matrices</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>Comprobar gradiente</translation>
    </message>
    <message>
        <source>v_in, v_out, f′ and δ of every unit</source>
        <translation>v_in, v_out, f′ y δ de cada unidad</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <comment>debugger tab</comment>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>W, b, their gradients and updates</source>
        <translation>W, b, sus gradientes y actualizaciones</translation>
    </message>
    <message>
        <source>The article&apos;s picture: x, v_in, v_out, δ as vectors; W^(k→k+1), ∂E/∂W, ΔW as matrices</source>
        <translation>La imagen del artículo: x, v_in, v_out, δ como vectores; W^(k→k+1), ∂E/∂W, ΔW como matrices</translation>
    </message>
    <message>
        <source>The loss before and after the update</source>
        <translation>La pérdida antes y después de la actualización</translation>
    </message>
    <message>
        <source>Backprop against central differences</source>
        <translation>La retropropagación frente a las diferencias centrales</translation>
    </message>
    <message>
        <source>Why this number? The formula in the article&apos;s notation and with the numbers. Click a term to jump to where it was computed</source>
        <translation>¿Por qué este número? La fórmula en la notación del artículo y con los números. Haz clic en un término para saltar a donde se calculó</translation>
    </message>
    <message>
        <source>Compare backprop with central differences for every parameter (Ctrl+G)</source>
        <translation>Comparar la retropropagación con las diferencias centrales para cada parámetro (Ctrl+G)</translation>
    </message>
    <message>
        <source>Export worked example…</source>
        <translation>Exportar ejemplo resuelto…</translation>
    </message>
    <message>
        <source>Save this training step as a worked example: Markdown + LaTeX or HTML</source>
        <translation>Guardar este paso de entrenamiento como ejemplo resuelto: Markdown + LaTeX o HTML</translation>
    </message>
    <message>
        <source>Exercise mode</source>
        <translation>Modo ejercicio</translation>
    </message>
    <message>
        <source>Hide the values each phase computes; type what you expect, then check</source>
        <translation>Ocultar los valores que calcula cada fase; escribe lo que esperas y compruébalo</translation>
    </message>
    <message>
        <source>select a ? cell, type your value</source>
        <translation>elige una celda ?, escribe tu valor</translation>
    </message>
    <message>
        <source>Your value for the selected hidden cell; right within {relative} of the true value (three significant digits), or ±{absolute} of a value near 0</source>
        <translation>Tu valor para la celda oculta seleccionada; es correcto a menos de {relative} del valor verdadero (tres cifras significativas), o a ±{absolute} de un valor cercano a 0</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Check your answer for the selected cell</source>
        <translation>Comprobar tu respuesta para la celda seleccionada</translation>
    </message>
    <message>
        <source>Reveal all</source>
        <translation>Revelar todo</translation>
    </message>
    <message>
        <source>Show every hidden value of this phase (not scored)</source>
        <translation>Mostrar todos los valores ocultos de esta fase (no puntúa)</translation>
    </message>
    <message>
        <source>Right answers / answers checked in this session</source>
        <translation>Respuestas correctas / respuestas comprobadas en esta sesión</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Select a value in a table to see the formula behind it.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Selecciona un valor en una tabla para ver la fórmula que hay detrás.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>; next: {phase}</source>
        <translation>; siguiente: {phase}</translation>
    </message>
    <message>
        <source>{phase} done</source>
        <translation>{phase} completada</translation>
    </message>
    <message>
        <source>update applied</source>
        <translation>actualización aplicada</translation>
    </message>
    <message>
        <source>no phase done yet</source>
        <translation>ninguna fase hecha aún</translation>
    </message>
    <message>
        <source> · fine step {n} of {count} of the {phase}</source>
        <translation> · paso fino {n} de {count} ({phase})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt; · &lt;b&gt;step {step}&lt;/b&gt; ({state}) · sample {samples} · phase: {where}</source>
        <translation>&lt;b&gt;Época {epoch}&lt;/b&gt; · &lt;b&gt;paso {step}&lt;/b&gt; ({state}) · muestra {samples} · fase: {where}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt; · &lt;b&gt;step {step}&lt;/b&gt; ({state}) · samples {samples} · phase: {where}</source>
        <translation>&lt;b&gt;Época {epoch}&lt;/b&gt; · &lt;b&gt;paso {step}&lt;/b&gt; ({state}) · muestras {samples} · fase: {where}</translation>
    </message>
    <message>
        <source>Loss: not computed yet in this step</source>
        <translation>Pérdida: aún no calculada en este paso</translation>
    </message>
    <message>
        <source>Loss before the update: &lt;b&gt;{before}&lt;/b&gt; · after: not updated yet</source>
        <translation>Pérdida antes de la actualización: &lt;b&gt;{before}&lt;/b&gt; · después: aún sin actualizar</translation>
    </message>
    <message>
        <source>Loss before the update: &lt;b&gt;{before}&lt;/b&gt; · after (same batch): &lt;b&gt;{after}&lt;/b&gt;{change}</source>
        <translation>Pérdida antes de la actualización: &lt;b&gt;{before}&lt;/b&gt; · después (mismo lote): &lt;b&gt;{after}&lt;/b&gt;{change}</translation>
    </message>
    <message>
        <source>&lt;br&gt;E = E&lt;sub&gt;data&lt;/sub&gt; + λ₁Σ|w| + ½λ₂Σw² = {data} + {penalty} = &lt;b&gt;{total}&lt;/b&gt; (biases are not regularised)</source>
        <translation>&lt;br&gt;E = E&lt;sub&gt;data&lt;/sub&gt; + λ₁Σ|w| + ½λ₂Σw² = {data} + {penalty} = &lt;b&gt;{total}&lt;/b&gt; (los sesgos no se regularizan)</translation>
    </message>
    <message>
        <source> in layer {layer}</source>
        <translation> en la capa {layer}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training diverged at step {step}.&lt;/b&gt; The first non-finite value: {quantity}{where}, during {phase}. The tables show the last finite state (the update was not applied).&lt;br&gt;&lt;b&gt;What to try:&lt;/b&gt; lower the learning rate (now η = {eta}; try {smaller}), use an optimizer that adapts the step (Adam), or reset training (Ctrl+R).</source>
        <translation>&lt;b&gt;El entrenamiento divergió en el paso {step}.&lt;/b&gt; El primer valor no finito: {quantity}{where}, durante {phase}. Las tablas muestran el último estado finito (la actualización no se aplicó).&lt;br&gt;&lt;b&gt;Qué probar:&lt;/b&gt; baja la tasa de aprendizaje (ahora η = {eta}; prueba {smaller}), usa un optimizador que adapte el paso (Adam) o restablece el entrenamiento (Ctrl+R).</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Your turn:&lt;/b&gt; this value is hidden while the lesson&apos;s question is open. Work it out and type it in the Lessons panel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tu turno:&lt;/b&gt; este valor está oculto mientras la pregunta de la lección esté abierta. Calcúlalo y escríbelo en el panel Lecciones.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Exercise:&lt;/b&gt; this value is hidden. Type what you expect it to be and press Check.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ejercicio:&lt;/b&gt; este valor está oculto. Escribe cuánto esperas que valga y pulsa Comprobar.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;The numbers are left out: they include a value that is hidden now ({hidden}).&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Se omiten los números: incluyen un valor que ahora está oculto ({hidden}).&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Select a hidden (?) cell first.</source>
        <translation>Primero selecciona una celda oculta (?).</translation>
    </message>
    <message>
        <source>This value is not computed yet.</source>
        <translation>Este valor aún no se ha calculado.</translation>
    </message>
    <message>
        <source>✓ Right!</source>
        <translation>✓ ¡Correcto!</translation>
    </message>
    <message>
        <source>✗ Not quite: try once more</source>
        <translation>✗ No exactamente: prueba otra vez</translation>
    </message>
    <message>
        <source>✗ Not quite: the value is {value}</source>
        <translation>✗ No exactamente: el valor es {value}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Here is how it is computed:&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Así se calcula:&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>δ
(batch mean)</source>
        <translation>δ
(media del lote)</translation>
    </message>
    <message>
        <source>∂E/∂w
(batch mean)</source>
        <translation>∂E/∂w
(media del lote)</translation>
    </message>
    <message>
        <source>Copy as TSV</source>
        <translation>Copiar como TSV</translation>
    </message>
    <message>
        <source>Select to see the formula behind this number</source>
        <translation>Selecciona para ver la fórmula que hay detrás de este número</translation>
    </message>
    <message>
        <source>Copy as TSV (paste into a spreadsheet)</source>
        <translation>Copiar como TSV (para pegar en una hoja de cálculo)</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>Copiar como CSV</translation>
    </message>
</context>
</TS>
