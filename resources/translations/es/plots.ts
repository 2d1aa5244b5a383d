<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métricas</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>The network&apos;s output over the input space, with the data</source>
        <translation>La salida de la red sobre el espacio de entrada, con los datos</translation>
    </message>
    <message>
        <source>Accuracy and the confusion matrix (R² for regression)</source>
        <translation>La exactitud y la matriz de confusión (R² en regresión)</translation>
    </message>
    <message>
        <source>Gradient and weight norms per layer over training; dead ReLU units</source>
        <translation>Normas del gradiente y de los pesos por capa durante el entrenamiento; unidades ReLU muertas</translation>
    </message>
    <message>
        <source>Dead ReLU units: none possible (no ReLU layer).</source>
        <translation>Unidades ReLU muertas: no puede haberlas (no hay capa ReLU).</translation>
    </message>
    <message>
        <source>layer {k} unit {i}</source>
        <translation>capa {k} unidad {i}</translation>
    </message>
    <message>
        <source>Dead ReLU units: none (every ReLU unit is active for some training sample).</source>
        <translation>Unidades ReLU muertas: ninguna (cada unidad ReLU está activa con alguna muestra de entrenamiento).</translation>
    </message>
    <message>
        <source>Dead ReLU units ({n}): {units} - v_in &lt;= 0 for every training sample, so they output 0 and learn nothing.</source>
        <translation>Unidades ReLU muertas ({n}): {units} - v_in &lt;= 0 con todas las muestras de entrenamiento, así que su salida es 0 y no aprenden nada.</translation>
    </message>
    <message>
        <source>The gradient norm of each layer&apos;s incoming weights at every training step.
A first layer far below the last shows vanishing gradients; a fast rise, exploding ones.</source>
        <translation>La norma del gradiente de los pesos entrantes de cada capa en cada paso de entrenamiento.
Si la primera capa queda muy por debajo de la última, el gradiente se desvanece; si sube deprisa, explota.</translation>
    </message>
    <message>
        <source>The Frobenius norm of each layer&apos;s incoming weights W^(k-1→k), one curve per layer (colours as in the line below)</source>
        <translation>La norma de Frobenius de los pesos entrantes W^(k-1→k) de cada capa, una curva por capa (colores como en la línea de abajo)</translation>
    </message>
    <message>
        <source>The latest gradient norm of each layer (its colour in both plots), with a warning for vanishing or exploding gradients</source>
        <translation>La última norma del gradiente de cada capa (su color en ambas gráficas), con un aviso si el gradiente se desvanece o explota</translation>
    </message>
    <message>
        <source>A ReLU unit is dead when its v_in &lt;= 0 for every training sample</source>
        <translation>Una unidad ReLU está muerta cuando su v_in &lt;= 0 con todas las muestras de entrenamiento</translation>
    </message>
    <message>
        <source>gradient norms ‖∂E/∂W‖</source>
        <translation>gradientes ‖∂E/∂W‖</translation>
    </message>
    <message>
        <source>weight norms ‖W‖</source>
        <translation>pesos ‖W‖</translation>
    </message>
    <message>
        <source>The plot to show (the page is too small for both)</source>
        <translation>La gráfica que se muestra (la página es demasiado pequeña para las dos)</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>paso de entrenamiento</translation>
    </message>
    <message>
        <source>Gradient norms: take a training step to see them. </source>
        <translation>Normas del gradiente: da un paso de entrenamiento para verlas. </translation>
    </message>
    <message>
        <source>{key} layer {k}</source>
        <translation>{key} capa {k}</translation>
    </message>
    <message>
        <source>Latest ‖∂E/∂W‖: </source>
        <translation>Última ‖∂E/∂W‖: </translation>
    </message>
    <message>
        <source>{key} layer {k}: {norm}</source>
        <translation>{key} capa {k}: {norm}</translation>
    </message>
    <message>
        <source>  ⚠ exploding gradients: lower the learning rate.</source>
        <translation>  ⚠ el gradiente explota: baja la tasa de aprendizaje.</translation>
    </message>
    <message>
        <source>  ⚠ vanishing gradients: the first layer barely learns.</source>
        <translation>  ⚠ el gradiente se desvanece: la primera capa apenas aprende.</translation>
    </message>
    <message>
        <source>The step limit of every run</source>
        <translation>El límite de pasos de cada ejecución</translation>
    </message>
    <message>
        <source>steps </source>
        <translation>pasos </translation>
    </message>
    <message>
        <source>Add run</source>
        <translation>Añadir ejecución</translation>
    </message>
    <message>
        <source>Keep the run being configured and race a new one from the same start, starting from the optimizer settings on the left (at most {n}); the settings then edit the new run</source>
        <translation>Conserva la ejecución que estás configurando y añade a la carrera una nueva desde el mismo inicio, con los ajustes del optimizador de la izquierda (como mucho {n}); después los ajustes editan la nueva</translation>
    </message>
    <message>
        <source>Remove run</source>
        <translation>Quitar ejecución</translation>
    </message>
    <message>
        <source>Remove the selected run from the race</source>
        <translation>Quita de la carrera la ejecución seleccionada</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Escala log</translation>
    </message>
    <message>
        <source>Colour by log10 of the value (log10(f - min f + δ) when f can be ≤ 0)</source>
        <translation>Colorea por el log10 del valor (log10(f - min f + δ) cuando f puede ser ≤ 0)</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>Curvas de nivel</translation>
    </message>
    <message>
        <source>Draw contour lines (level sets of the shown values)</source>
        <translation>Dibuja curvas de nivel (conjuntos de nivel de los valores mostrados)</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
    <message>
        <source>Show the runs&apos; key on the plot (drag it off the paths). The table beside the plot is the key too, in the runs&apos; colours, and covers no data.</source>
        <translation>Muestra la leyenda de las ejecuciones en la gráfica (arrástrala fuera de los caminos). La tabla junto a la gráfica también es la leyenda, en los colores de las ejecuciones, y no tapa datos.</translation>
    </message>
    <message>
        <source>f(x, y) with the descent paths. Hover to read f and ∇f; click to start every run from there.
Right-click &gt; Export… saves PNG or SVG.</source>
        <translation>f(x, y) con los caminos de descenso. Pasa el ratón para leer f y ∇f; haz clic para que todas las ejecuciones empiecen ahí.
Clic derecho &gt; Export… guarda PNG o SVG.</translation>
    </message>
    <message>
        <source>The step t shown: each run&apos;s point x_t is ringed and the selected run&apos;s arrow points along −∇f(x_t)</source>
        <translation>El paso t mostrado: el punto x_t de cada ejecución lleva un anillo y la flecha de la ejecución seleccionada apunta según −∇f(x_t)</translation>
    </message>
    <message>
        <source>hover over the plot to read f(x, y); click to move the start</source>
        <translation>pasa el ratón por la gráfica para leer f(x, y); haz clic para mover el inicio</translation>
    </message>
    <message>
        <source>The point under the mouse: its coordinates, f and the gradient</source>
        <translation>El punto bajo el ratón: sus coordenadas, f y el gradiente</translation>
    </message>
    <message>
        <source>The selected run at step t</source>
        <translation>La ejecución seleccionada en el paso t</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Show or hide the step limit, Remove run, the colouring, the formula and (in a narrow dock) the race table</source>
        <translation>Muestra u oculta el límite de pasos, Quitar ejecución, el coloreado, la fórmula y (en un panel estrecho) la tabla de la carrera</translation>
    </message>
    <message>
        <source>{run} at step {k}: (x, y) = {point}, f = {f}, ∇f = {gradient}</source>
        <translation>{run} en el paso {k}: (x, y) = {point}, f = {f}, ∇f = {gradient}</translation>
    </message>
    <message>
        <source> ({hidden} = yours to compute)</source>
        <translation> ({hidden} = te toca calcularlo)</translation>
    </message>
    <message>
        <source>x = {x}, y = {y}: f and ∇f are yours to compute</source>
        <translation>x = {x}, y = {y}: f y ∇f te toca calcularlos</translation>
    </message>
    <message>
        <source>training (batch)</source>
        <translation>entrenamiento (lote)</translation>
    </message>
    <message>
        <source>test (sampled)</source>
        <translation>prueba (muestreada)</translation>
    </message>
    <message>
        <source>training (epoch mean)</source>
        <translation>entrenamiento (media de la época)</translation>
    </message>
    <message>
        <source>test (end of epoch)</source>
        <translation>prueba (fin de época)</translation>
    </message>
    <message>
        <source>per step</source>
        <translation>por paso</translation>
    </message>
    <message>
        <source>per epoch</source>
        <translation>por época</translation>
    </message>
    <message>
        <source>Per step: the batch loss of every training step.
Per epoch: the mean batch loss over each epoch.</source>
        <translation>Por paso: la pérdida del lote de cada paso de entrenamiento.
Por época: la pérdida media del lote en cada época.</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis (losses of 0 are drawn at 1e-12)</source>
        <translation>Muestra la pérdida en un eje logarítmico (las pérdidas de 0 se dibujan en 1e-12)</translation>
    </message>
    <message>
        <source>hover over the plot to read a step&apos;s loss</source>
        <translation>pasa el ratón por la gráfica para leer la pérdida de un paso</translation>
    </message>
    <message>
        <source>Hover over the plot to read the step and its loss</source>
        <translation>Pasa el ratón por la gráfica para leer el paso y su pérdida</translation>
    </message>
    <message>
        <source>Training loss: the batch loss of each step, before its update (one point per step).
Test loss: at every step when stepping by hand; while running every step for a test set no larger than a batch, else every k-th step (k grows with the test set).</source>
        <translation>Pérdida de entrenamiento: la pérdida del lote de cada paso, antes de su actualización (un punto por paso).
Pérdida de prueba: en cada paso al avanzar a mano; durante la ejecución, en cada paso si el conjunto de prueba no es mayor que un lote, si no cada k pasos (k crece con el conjunto de prueba).</translation>
    </message>
    <message>
        <source>loss E</source>
        <translation>pérdida E</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>no training steps yet</source>
        <translation>aún no hay pasos de entrenamiento</translation>
    </message>
    <message>
        <source>epoch {n}: mean batch loss {loss}</source>
        <translation>época {n}: pérdida media del lote {loss}</translation>
    </message>
    <message>
        <source>   test loss {loss} (epoch {n})</source>
        <translation>   pérdida de prueba {loss} (época {n})</translation>
    </message>
    <message>
        <source>step {n}: batch loss {loss}</source>
        <translation>paso {n}: pérdida del lote {loss}</translation>
    </message>
    <message>
        <source>   test loss {loss} (step {n})</source>
        <translation>   pérdida de prueba {loss} (paso {n})</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>sin muestras</translation>
    </message>
    <message>
        <source>Training samples whose predicted class is their class</source>
        <translation>Muestras de entrenamiento cuya clase predicha es su clase</translation>
    </message>
    <message>
        <source>Test samples whose predicted class is their class</source>
        <translation>Muestras de prueba cuya clase predicha es su clase</translation>
    </message>
    <message>
        <source>training set</source>
        <comment>the confusion matrix on the</comment>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>test set</source>
        <comment>the confusion matrix on the</comment>
        <translation>prueba</translation>
    </message>
    <message>
        <source>The samples the confusion matrix counts</source>
        <translation>Las muestras que cuenta la matriz de confusión</translation>
    </message>
    <message>
        <source>Confusion matrix: row = true class, column = predicted class; the diagonal counts the correct predictions</source>
        <translation>Matriz de confusión: fila = clase real, columna = clase predicha; la diagonal cuenta las predicciones correctas</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted class) on the</source>
        <translation>Matriz de confusión (filas: clase real, columnas: clase predicha) en el conjunto de</translation>
    </message>
    <message>
        <source>Training accuracy: {accuracy}</source>
        <translation>Exactitud en entrenamiento: {accuracy}</translation>
    </message>
    <message>
        <source>Test accuracy: {accuracy}</source>
        <translation>Exactitud en prueba: {accuracy}</translation>
    </message>
    <message>
        <source>Predicted class: the output with the largest value.</source>
        <translation>Clase predicha: la salida de mayor valor.</translation>
    </message>
    <message>
        <source>Predicted class: {hi} when y_hat &gt;= {middle}, else {lo}.</source>
        <translation>Clase predicha: {hi} cuando y_hat &gt;= {middle}; si no, {lo}.</translation>
    </message>
    <message>
        <source>R² = {r2}, mean squared error {mse}</source>
        <translation>R² = {r2}, error cuadrático medio {mse}</translation>
    </message>
    <message>
        <source>Training fit: {fit}</source>
        <translation>Ajuste en entrenamiento: {fit}</translation>
    </message>
    <message>
        <source>Test fit: {fit}</source>
        <translation>Ajuste en prueba: {fit}</translation>
    </message>
    <message>
        <source>Regression targets (not class labels): R² = 1 - SS_res / SS_tot; 1 is a perfect fit, 0 no better than the mean.</source>
        <translation>Objetivos de regresión (no etiquetas de clase): R² = 1 - SS_res / SS_tot; 1 es un ajuste perfecto, 0 no mejor que la media.</translation>
    </message>
    <message>
        <source>true {label}</source>
        <translation>real {label}</translation>
    </message>
    <message>
        <source>predicted {label}</source>
        <translation>predicha {label}</translation>
    </message>
    <message>
        <source>Discretise</source>
        <translation>Discretizar</translation>
    </message>
    <message>
        <source>Colour each point of the plane by its predicted class only (regression: by bands of the output)</source>
        <translation>Colorea cada punto del plano solo por su clase predicha (regresión: por franjas de la salida)</translation>
    </message>
    <message>
        <source>The output unit whose value the map shows</source>
        <translation>La unidad de salida cuyo valor muestra el mapa</translation>
    </message>
    <message>
        <source>●  training    ○  test</source>
        <translation>●  entren.    ○  prueba</translation>
    </message>
    <message>
        <source>Filled markers: training samples; hollow markers: test samples. Each class has its own marker shape (○ □ △ ◇ + × …) as well as its colour</source>
        <translation>Marcadores rellenos: muestras de entrenamiento; marcadores huecos: muestras de prueba. Cada clase tiene su propia forma de marcador (○ □ △ ◇ + × …) además de su color</translation>
    </message>
    <message>
        <source>The network&apos;s output at the mouse position</source>
        <translation>La salida de la red en la posición del ratón</translation>
    </message>
    <message>
        <source>The network&apos;s output over the input plane, with the decision boundary. Filled markers: training samples; hollow: test samples; the shape is the class. Drag to pan, wheel to zoom: the map is recomputed for the visible area.</source>
        <translation>La salida de la red sobre el plano de entrada, con la frontera de decisión. Marcadores rellenos: muestras de entrenamiento; huecos: muestras de prueba; la forma es la clase. Arrastra para desplazar y usa la rueda para el zoom: el mapa se recalcula para el área visible.</translation>
    </message>
    <message>
        <source>The network has {inputs} inputs. The output view draws networks with 1 input (the fitted curve) or 2 inputs (the output over the input plane); the Metrics and Diagnostics tabs work for any size.</source>
        <translation>La red tiene {inputs} entradas. La vista de la salida dibuja redes con 1 entrada (la curva ajustada) o 2 entradas (la salida sobre el plano de entrada); las pestañas Métricas y Diagnóstico funcionan con cualquier tamaño.</translation>
    </message>
    <message>
        <source>output {j}</source>
        <translation>salida {j}</translation>
    </message>
    <message>
        <source>●  training</source>
        <translation>●  entren.</translation>
    </message>
    <message>
        <source>{where}: y_hat = {hidden} (hidden while the lesson&apos;s question is open)</source>
        <translation>{where}: y_hat = {hidden} (oculto mientras la pregunta de la lección está abierta)</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>convergió</translation>
    </message>
    <message>
        <source>step limit</source>
        <translation>límite de pasos</translation>
    </message>
    <message>
        <source>diverged at step {n}</source>
        <translation>divergió en el paso {n}</translation>
    </message>
    <message>
        <source>run</source>
        <translation>ejecución</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>pasos</translation>
    </message>
    <message>
        <source>stopped by</source>
        <translation>parada por</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>pérdida final</translation>
    </message>
    <message>
        <source>final point</source>
        <translation>punto final</translation>
    </message>
    <message>
        <source>The race: each run from the same start. Steps to converge counts the steps until the gradient norm is below {tolerance} (&apos;&gt; n&apos; when the step limit came first).
Select a run to show its gradient arrow. The optimizer controls edit the last run (the one being configured, marked ✎); Add run keeps it and starts a new one from the settings.</source>
        <translation>La carrera: cada ejecución desde el mismo inicio. Pasos hasta converger cuenta los pasos hasta que la norma del gradiente queda por debajo de {tolerance} (&apos;&gt; n&apos; si antes se llegó al límite de pasos).
Selecciona una ejecución para ver su flecha del gradiente. Los controles del optimizador editan la última ejecución (la que estás configurando, marcada con ✎); Añadir ejecución la conserva y empieza una nueva con los ajustes.</translation>
    </message>
    <message>
        <source>{run}: drawn in this colour with &apos;{symbol}&apos; markers</source>
        <translation>{run}: dibujada en este color con marcadores &apos;{symbol}&apos;</translation>
    </message>
    <message>
        <source>; being configured: the optimizer controls edit this run</source>
        <translation>; en configuración: los controles del optimizador editan esta ejecución</translation>
    </message>
    <message>
        <source>To get it: install your system&apos;s OpenGL drivers (Debian, Ubuntu: sudo apt-get install libgl1 libegl1) and PyOpenGL (pip install -e . installs it; on its own: pip install PyOpenGL==3.1.10), then start Backprop Studio on your desktop.</source>
        <translation>Para tenerlo: instala los controladores OpenGL de tu sistema (Debian, Ubuntu: sudo apt-get install libgl1 libegl1) y PyOpenGL (pip install -e . lo instala; por separado: pip install PyOpenGL==3.1.10) y luego inicia Backprop Studio en tu escritorio.</translation>
    </message>
    <message>
        <source>The 3-D view needs OpenGL, which is not available here: {problem}.

{how_to_get_it}

Meanwhile the 2-D function tab shows the same surface as a heatmap with contour lines.</source>
        <translation>La vista 3D necesita OpenGL, que no está disponible aquí: {problem}.

{how_to_get_it}

Mientras tanto, la pestaña Función 2D muestra la misma superficie como mapa de calor con curvas de nivel.</translation>
    </message>
    <message>
        <source>The 3-D view could not draw with the OpenGL here: {problem}.

OpenGL is installed, but this driver does not do what the 3-D view needs (OpenGL 2.1 with GLSL shaders); a software renderer such as Mesa&apos;s under Xvfb may lack it. Updating the graphics driver, or running on your desktop, usually helps.

The 2-D function tab shows the same surface as a heatmap with contour lines.</source>
        <translation>La vista 3D no pudo dibujar con el OpenGL de aquí: {problem}.

OpenGL está instalado, pero este controlador no hace lo que la vista 3D necesita (OpenGL 2.1 con shaders GLSL); un renderizador por software como el de Mesa bajo Xvfb puede no tenerlo. Suele ayudar actualizar el controlador gráfico o ejecutar la aplicación en tu escritorio.

La pestaña Función 2D muestra la misma superficie como mapa de calor con curvas de nivel.</translation>
    </message>
    <message>
        <source>the Qt platform &apos;{platform}&apos; draws without OpenGL (tests and --screenshot renders use it)</source>
        <translation>la plataforma Qt &apos;{platform}&apos; dibuja sin OpenGL (la usan las pruebas y las capturas con --screenshot)</translation>
    </message>
    <message>
        <source>the PyOpenGL package is not installed</source>
        <translation>el paquete PyOpenGL no está instalado</translation>
    </message>
    <message>
        <source>no OpenGL context could be created (no OpenGL driver was found)</source>
        <translation>no se pudo crear un contexto OpenGL (no se encontró ningún controlador OpenGL)</translation>
    </message>
    <message>
        <source>f(x, y) as a surface: drag to rotate, scroll to zoom</source>
        <translation>f(x, y) como superficie: arrastra para girar, usa la rueda para el zoom</translation>
    </message>
    <message>
        <source>typed expression…</source>
        <translation>expresión escrita…</translation>
    </message>
    <message>
        <source>A shipped function (exact gradient written by hand), or type your own</source>
        <translation>Una función incluida (gradiente exacto escrito a mano), o escribe la tuya</translation>
    </message>
    <message>
        <source>x and y</source>
        <translation>x e y</translation>
    </message>
    <message>
        <source>an expression in {variables}, e.g. {example}</source>
        <translation>una expresión en {variables}, p. ej. {example}</translation>
    </message>
    <message>
        <source>Type f({arguments}) with numbers, {variables}, + - * / ^, parentheses and sin cos tan exp log sqrt tanh abs sinh cosh atan sigmoid, pi, e.
Write products with *: 2*x. Press Enter to use it. Gradients are exact (automatic differentiation).</source>
        <translation>Escribe f({arguments}) con números, {variables}, + - * / ^, paréntesis y sin cos tan exp log sqrt tanh abs sinh cosh atan sigmoid, pi, e.
Escribe los productos con *: 2*x. Pulsa Intro para usarla. Los gradientes son exactos (diferenciación automática).</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usar</translation>
    </message>
    <message>
        <source>Parse the typed expression and show it</source>
        <translation>Analiza la expresión escrita y la muestra</translation>
    </message>
    <message>
        <source>The function shown, and how its gradient is computed</source>
        <translation>La función mostrada y cómo se calcula su gradiente</translation>
    </message>
    <message>
        <source>Why the typed expression cannot be used; the caret points at the character</source>
        <translation>Por qué no se puede usar la expresión escrita; el signo ^ señala el carácter</translation>
    </message>
    <message>
        <source>The optimizer of the core engine that walks the function</source>
        <translation>El optimizador del motor que recorre la función</translation>
    </message>
    <message>
        <source>Learning rate η: plain SGD steps x&apos; = x − η ∇f(x)</source>
        <translation>Tasa de aprendizaje η: el SGD simple da pasos x&apos; = x − η ∇f(x)</translation>
    </message>
    <message>
        <source>Momentum (SGD and RMSprop): 0 is none; 0.9 is typical</source>
        <translation>Momento (SGD y RMSprop): 0 es ninguno; 0.9 es lo habitual</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>momento</translation>
    </message>
    <message>
        <source>Step</source>
        <comment>a button: take one gradient-descent step</comment>
        <translation>Dar un paso</translation>
    </message>
    <message>
        <source>Take one gradient-descent step: x_t+1 = x_t + eps_t</source>
        <translation>Da un paso de descenso de gradiente: x_t+1 = x_t + eps_t</translation>
    </message>
    <message>
        <source>The step to go to with Run to N</source>
        <translation>El paso al que lleva Ejecutar hasta N</translation>
    </message>
    <message>
        <source>Run to N</source>
        <translation>Ejecutar hasta N</translation>
    </message>
    <message>
        <source>Show every step up to step N</source>
        <translation>Muestra todos los pasos hasta el paso N</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Back to the start x_0 (click the plot to move it)</source>
        <translation>Vuelve al inicio x_0 (haz clic en la gráfica para moverlo)</translation>
    </message>
    <message>
        <source>f(x) with the steps taken, the tangent line at x_t and its prediction.
Click to start from there. Right-click &gt; Export… saves PNG or SVG.</source>
        <translation>f(x) con los pasos dados, la recta tangente en x_t y su predicción.
Haz clic para empezar desde ahí. Clic derecho &gt; Export… guarda PNG o SVG.</translation>
    </message>
    <message>
        <source>tangent f(x_t) + ε f&apos;(x_t)</source>
        <translation>tangente f(x_t) + ε f&apos;(x_t)</translation>
    </message>
    <message>
        <source>steps taken</source>
        <translation>pasos dados</translation>
    </message>
    <message>
        <source>predicted f(x_t+1)</source>
        <translation>f(x_t+1) predicho</translation>
    </message>
    <message>
        <source>The current step: x_t, f(x_t), f&apos;(x_t), the step eps_t and the tangent&apos;s prediction against the true f(x_t+1)</source>
        <translation>El paso actual: x_t, f(x_t), f&apos;(x_t), el paso eps_t y la predicción de la tangente frente al verdadero f(x_t+1)</translation>
    </message>
    <message>
        <source>The key to the curves and markers, below the plot</source>
        <translation>La leyenda de las curvas y los marcadores, bajo la gráfica</translation>
    </message>
    <message>
        <source>Show or hide the optimizer and its learning rate η, the formula and the legend</source>
        <translation>Muestra u oculta el optimizador y su tasa de aprendizaje η, la fórmula y la leyenda</translation>
    </message>
    <message>
        <source>.  Next step ε_t = {step}: the tangent predicts f(x_{{t+1}}) ≈ {predicted}, the true value is {true}</source>
        <translation>.  Siguiente paso ε_t = {step}: la tangente predice f(x_{{t+1}}) ≈ {predicted}, el valor verdadero es {true}</translation>
    </message>
    <message>
        <source>.  ({hidden} = yours to compute)</source>
        <translation>.  ({hidden} = te toca calcularlo)</translation>
    </message>
    <message>
        <source>your prediction</source>
        <translation>tu predicción</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>log10 value</source>
        <translation>log10 del valor</translation>
    </message>
    <message>
        <source>log10(value − min)</source>
        <translation>log10(valor − mín)</translation>
    </message>
    <message>
        <source>{name}: {id} in the command line&apos;s --params</source>
        <translation>{name}: {id} en --params de la línea de órdenes</translation>
    </message>
    <message>
        <source>Two parameters: an exact slice, the others held fixed.
Random directions: two seeded Gaussian directions (filter-normalised: Li et al. 2018).
Line from initial: the loss from the initial (t = 0) to the current (t = 1) parameters.
PCA: the plane of the trajectory&apos;s two main directions (train first).</source>
        <translation>Dos parámetros: un corte exacto, con los demás fijos.
Direcciones aleatorias: dos direcciones gaussianas con semilla (normalizadas por filtro: Li et al. 2018).
Línea desde el inicio: la pérdida desde los parámetros iniciales (t = 0) hasta los actuales (t = 1).
PCA: el plano de las dos direcciones principales de la trayectoria (entrena antes).</translation>
    </message>
    <message>
        <source>w_ij^(k): the weight from unit i of layer k−1 to unit j of layer k; b_j^(k): the bias of unit j of layer k (numbered from 1, as in the article).
In brackets the same parameter as files and the command line name it: W(k−1)[i−1,j−1], b(k−1)[j−1] (from 0).</source>
        <translation>w_ij^(k): el peso de la unidad i de la capa k−1 a la unidad j de la capa k; b_j^(k): el sesgo de la unidad j de la capa k (numeradas desde 1, como en el artículo).
Entre corchetes, el mismo parámetro como lo nombran los archivos y la línea de órdenes: W(k−1)[i−1,j−1], b(k−1)[j−1] (desde 0).</translation>
    </message>
    <message>
        <source>The parameter along the horizontal axis.
</source>
        <translation>El parámetro del eje horizontal.
</translation>
    </message>
    <message>
        <source>The parameter along the vertical axis.
</source>
        <translation>El parámetro del eje vertical.
</translation>
    </message>
    <message>
        <source>Scale of the random directions: filter (per unit, Li et al.), layer (per array) or none</source>
        <translation>Escala de las direcciones aleatorias: filter (por unidad, Li et al.), layer (por matriz) o none (ninguna)</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>semilla </translation>
    </message>
    <message>
        <source>The seed of the random directions</source>
        <translation>La semilla de las direcciones aleatorias</translation>
    </message>
    <message>
        <source>grid </source>
        <translation>rejilla </translation>
    </message>
    <message>
        <source>Grid points per axis (at most {n}); the cost grows with its square</source>
        <translation>Puntos de la rejilla por eje (como mucho {n}); el coste crece con su cuadrado</translation>
    </message>
    <message>
        <source>Half-width of each axis around the current parameters (line: how far beyond t = 0 and t = 1)</source>
        <translation>Semiancho de cada eje alrededor de los parámetros actuales (línea: cuánto más allá de t = 0 y t = 1)</translation>
    </message>
    <message>
        <source>span</source>
        <translation>alcance</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>Recalcular</translation>
    </message>
    <message>
        <source>Compute the landscape around the parameters as they are now</source>
        <translation>Calcula el paisaje alrededor de los parámetros tal como están ahora</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the computation (the previous landscape stays)</source>
        <translation>Detiene el cálculo (el paisaje anterior se queda)</translation>
    </message>
    <message>
        <source>Grid points computed (in a worker thread: keep working)</source>
        <translation>Puntos de la rejilla calculados (en un hilo aparte: sigue trabajando)</translation>
    </message>
    <message>
        <source>Colour by log10 of the loss</source>
        <translation>Colorea por el log10 de la pérdida</translation>
    </message>
    <message>
        <source>Draw contour lines of the loss</source>
        <translation>Dibuja curvas de nivel de la pérdida</translation>
    </message>
    <message>
        <source>The training loss E around the parameters; the line is the training path, the ring the current parameters, × the centre.
Right-click &gt; Export… saves PNG or SVG.</source>
        <translation>La pérdida de entrenamiento E alrededor de los parámetros; la línea es el camino del entrenamiento, el anillo los parámetros actuales, × el centro.
Clic derecho &gt; Export… guarda PNG o SVG.</translation>
    </message>
    <message>
        <source>The loss along the line from the initial (t = 0) to the current (t = 1) parameters, with the training path projected onto it</source>
        <translation>La pérdida a lo largo de la línea desde los parámetros iniciales (t = 0) hasta los actuales (t = 1), con el camino del entrenamiento proyectado sobre ella</translation>
    </message>
    <message>
        <source>What is shown, or why it could not be computed</source>
        <translation>Lo que se muestra, o por qué no se pudo calcular</translation>
    </message>
    <message>
        <source>hover over the plot to read the loss</source>
        <translation>pasa el ratón por la gráfica para leer la pérdida</translation>
    </message>
    <message>
        <source>The grid point under the mouse and its loss</source>
        <translation>El punto de la rejilla bajo el ratón y su pérdida</translation>
    </message>
    <message>
        <source>Show or hide the grid, the span and the colouring</source>
        <translation>Muestra u oculta la rejilla, el alcance y el coloreado</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>calculando…</translation>
    </message>
    <message>
        <source>t (0: initial, 1: current parameters)</source>
        <translation>t (0: parámetros iniciales, 1: actuales)</translation>
    </message>
    <message>
        <source>{mode}: {axes}, grid {n}</source>
        <translation>{mode}: {axes}, rejilla {n}</translation>
    </message>
    <message>
        <source>; the plane explains {share} of the trajectory&apos;s variance</source>
        <translation>; el plano explica el {share} de la varianza de la trayectoria</translation>
    </message>
    <message>
        <source>cancelled: the previous landscape is kept</source>
        <translation>cancelado: se conserva el paisaje anterior</translation>
    </message>
    <message>
        <source> · centred on step {then}; Recompute to centre it on step {now}</source>
        <translation> · centrado en el paso {then}; Recalcular lo centra en el paso {now}</translation>
    </message>
    <message>
        <source>hover over the landscape to read the loss</source>
        <translation>pasa el ratón por el paisaje para leer la pérdida</translation>
    </message>
    <message>
        <source>{first} = {a}, {second} = {b}: loss E ≈ {loss} (nearest grid point)</source>
        <translation>{first} = {a}, {second} = {b}: pérdida E ≈ {loss} (punto de la rejilla más cercano)</translation>
    </message>
    <message>
        <source>t = {t}: loss E ≈ {loss}</source>
        <translation>t = {t}: pérdida E ≈ {loss}</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>2-D function</source>
        <translation>Función 2D</translation>
    </message>
    <message>
        <source>1-D function</source>
        <translation>Función 1D</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>3D</translation>
    </message>
    <message>
        <source>The loss landscape of your network around its current parameters, with the training path</source>
        <translation>El paisaje de pérdida de tu red alrededor de sus parámetros actuales, con el camino del entrenamiento</translation>
    </message>
    <message>
        <source>Gradient descent on a function of x and y, and a race of optimizers</source>
        <translation>Descenso de gradiente en una función de x e y, y una carrera de optimizadores</translation>
    </message>
    <message>
        <source>Gradient descent on a function of x: the tangent line and each step</source>
        <translation>Descenso de gradiente en una función de x: la recta tangente y cada paso</translation>
    </message>
    <message>
        <source>The 2-D function as a 3-D surface (needs OpenGL)</source>
        <translation>La función 2D como superficie 3D (necesita OpenGL)</translation>
    </message>
    <message>
        <source>The 3-D view could not draw with the OpenGL here ({problem}): the 2-D function tab shows the surface</source>
        <translation>La vista 3D no pudo dibujar con el OpenGL de aquí ({problem}): la pestaña Función 2D muestra la superficie</translation>
    </message>
    <message>
        <source>two parameters</source>
        <translation>dos parámetros</translation>
    </message>
    <message>
        <source>random directions</source>
        <translation>direcciones aleatorias</translation>
    </message>
    <message>
        <source>line from initial</source>
        <translation>línea desde el inicio</translation>
    </message>
    <message>
        <source>PCA of the trajectory</source>
        <translation>PCA de la trayectoria</translation>
    </message>
</context>
</TS>
