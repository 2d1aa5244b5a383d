<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>The training (filled) and test (hollow) samples, each class in its own marker shape and colour; click to add a point of the class chosen below (2-D inputs)</source>
        <translation>Las muestras de entrenamiento (rellenas) y de prueba (huecas), cada clase con su forma de marcador y su color; haz clic para añadir un punto de la clase elegida abajo (entradas 2-D)</translation>
    </message>
    <message>
        <source>Click adds class</source>
        <translation>Un clic añade la clase</translation>
    </message>
    <message>
        <source>The target (class label) of points added by clicking on the plot</source>
        <translation>El objetivo (la etiqueta de clase) de los puntos que añades con un clic en la gráfica</translation>
    </message>
    <message>
        <source>A seeded generator: classification (xor … moons) or regression (sine … plane)</source>
        <translation>Un generador con semilla: clasificación (xor … moons) o regresión (sine … plane)</translation>
    </message>
    <message>
        <source>How many samples to draw</source>
        <translation>Cuántas muestras generar</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise</source>
        <translation>Desviación típica del ruido gaussiano</translation>
    </message>
    <message>
        <source>Number of classes (gaussians and spiral); use a softmax output of that width</source>
        <translation>Número de clases (gaussians y spiral); usa una salida softmax de esa anchura</translation>
    </message>
    <message>
        <source>Seed of the generator: the same seed gives the same samples</source>
        <translation>Semilla del generador: la misma semilla da las mismas muestras</translation>
    </message>
    <message>
        <source>Share of the samples held out as a test set</source>
        <translation>Fracción de las muestras que se aparta como conjunto de prueba</translation>
    </message>
    <message>
        <source>Standardise: each input column to mean 0 and standard deviation 1</source>
        <translation>standardise (estandarizar): cada columna de entrada a media 0 y desviación típica 1</translation>
    </message>
    <message>
        <source>Replace the dataset with newly generated samples (undoable)</source>
        <translation>Reemplazar el conjunto de datos por muestras recién generadas (se puede deshacer)</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>Generador</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Ruido</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>Fracción de prueba</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <source>The training samples: edit a cell to change a value (undoable)</source>
        <translation>Las muestras de entrenamiento: edita una celda para cambiar un valor (se puede deshacer)</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Añadir fila</translation>
    </message>
    <message>
        <source>Append a copy of the last sample</source>
        <translation>Añadir al final una copia de la última muestra</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Quitar fila</translation>
    </message>
    <message>
        <source>Remove the selected sample(s)</source>
        <translation>Quitar las muestras seleccionadas</translation>
    </message>
    <message>
        <source>Import a CSV file with a header row, then choose the input and target columns.</source>
        <translation>Importa un archivo CSV con una fila de encabezado y elige después las columnas de entrada y de objetivo.</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Read samples from a CSV file; a bad row is reported with its line and nothing is loaded</source>
        <translation>Leer muestras de un archivo CSV; una fila errónea se indica con su línea y no se carga nada</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>Características de entrada</translation>
    </message>
    <message>
        <source>What the network&apos;s input units get, computed from x₁ and x₂ (2-D data only); the input layer follows, one unit per feature</source>
        <translation>Lo que reciben las unidades de entrada de la red, calculado a partir de x₁ y x₂ (solo datos 2-D); la capa de entrada se adapta, una unidad por característica</translation>
    </message>
    <message>
        <source>Give the network the input {label} (feature {name})</source>
        <translation>Dar a la red la entrada {label} (característica {name})</translation>
    </message>
    <message>
        <source>Changing the input features</source>
        <translation>Cambiar las características de entrada</translation>
    </message>
    <message>
        <source>Input features: {features}</source>
        <translation>Características de entrada: {features}</translation>
    </message>
    <message>
        <source>Input features not changed</source>
        <translation>Características de entrada sin cambios</translation>
    </message>
    <message>
        <source>{change}: the input layer has {n} units now</source>
        <translation>{change}: la capa de entrada tiene ahora {n} unidades</translation>
    </message>
    <message>
        <source>Changing the data</source>
        <translation>Cambiar los datos</translation>
    </message>
    <message>
        <source>Dataset not changed</source>
        <translation>Conjunto de datos sin cambios</translation>
    </message>
    <message>
        <source>Generate {generator} data</source>
        <translation>Generar datos {generator}</translation>
    </message>
    <message>
        <source>Add a point</source>
        <translation>Añadir un punto</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Añadir una fila</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>Quitar filas</translation>
    </message>
    <message>
        <source>Remove {n} row(s)</source>
        <translation>Quitar filas: {n}</translation>
    </message>
    <message>
        <source>Sample not changed</source>
        <translation>Muestra sin cambios</translation>
    </message>
    <message>
        <source>Row {row}: {error}</source>
        <translation>Fila {row}: {error}</translation>
    </message>
    <message>
        <source>Edit a sample</source>
        <translation>Editar una muestra</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>Importar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot read CSV</source>
        <translation>No se puede leer el CSV</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>Importar {file}</translation>
    </message>
    <message>
        <source>typed rows</source>
        <translation>filas escritas</translation>
    </message>
    <message>
        <source>{train} training and {test} test samples, {inputs} input(s), {targets} target column(s) — {kind}</source>
        <translation>Muestras: {train} de entrenamiento y {test} de prueba; entradas: {inputs}; objetivos: {targets} — {kind}</translation>
    </message>
    <message>
        <source>Choose columns</source>
        <translation>Elegir columnas</translation>
    </message>
    <message>
        <source>The input columns (the network has {n} input unit(s))</source>
        <translation>Las columnas de entrada (unidades de entrada de la red: {n})</translation>
    </message>
    <message>
        <source>The target columns</source>
        <translation>Las columnas de objetivo</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>This box goes up to {most}.</source>
        <translation>Esta casilla llega hasta {most}.</translation>
    </message>
    <message>
        <source>Change {setting}</source>
        <translation>Cambiar {setting}</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>Tasa de aprendizaje η</translation>
    </message>
    <message>
        <source>The update rule (same rules and defaults as torch.optim)</source>
        <translation>La regla de actualización (las mismas reglas y valores por defecto que torch.optim)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizador</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Decaimiento de pesos</translation>
    </message>
    <message>
        <source>The loss E: half_sse is the article&apos;s E = 1/2 (y - ŷ)^2</source>
        <translation>La pérdida E: half_sse es la E = 1/2 (y - ŷ)^2 del artículo</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>lote completo</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Shuffle every epoch</source>
        <translation>Barajar en cada época</translation>
    </message>
    <message>
        <source>Seed of the random generator that shuffles the samples</source>
        <translation>Semilla del generador aleatorio que baraja las muestras</translation>
    </message>
    <message>
        <source>How η changes over the training steps</source>
        <translation>Cómo cambia η a lo largo de los pasos de entrenamiento</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>Inicialización</translation>
    </message>
    <message>
        <source>How Re-initialise draws new weights (biases start at 0)</source>
        <translation>Cómo genera Reinicializar los pesos nuevos (los sesgos empiezan en 0)</translation>
    </message>
    <message>
        <source>Seed for the new weights</source>
        <translation>Semilla de los pesos nuevos</translation>
    </message>
    <message>
        <source>Re-initialise</source>
        <translation>Reinicializar</translation>
    </message>
    <message>
        <source>Draw new weights from the scheme and seed (undoable); training resets</source>
        <translation>Generar pesos nuevos con el esquema y la semilla (se puede deshacer); el entrenamiento se reinicia</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>Esquema</translation>
    </message>
    <message>
        <source>Change learning rate</source>
        <translation>Cambiar la tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Change weight decay</source>
        <translation>Cambiar el decaimiento de pesos</translation>
    </message>
    <message>
        <source>Change L1 λ₁</source>
        <translation>Cambiar L1 λ₁</translation>
    </message>
    <message>
        <source>Change L2 λ₂</source>
        <translation>Cambiar L2 λ₂</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>Cambiar la pérdida</translation>
    </message>
    <message>
        <source>Change batch size</source>
        <translation>Cambiar el tamaño de lote</translation>
    </message>
    <message>
        <source>Toggle shuffle</source>
        <translation>Activar o desactivar el barajado</translation>
    </message>
    <message>
        <source>Change seed</source>
        <translation>Cambiar la semilla</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>Sin cambios: {reason}</translation>
    </message>
    <message>
        <source>Last change refused: {reason}</source>
        <translation>Último cambio rechazado: {reason}</translation>
    </message>
    <message>
        <source>Use {optimizer}</source>
        <translation>Usar {optimizer}</translation>
    </message>
    <message>
        <source>Change schedule</source>
        <translation>Cambiar el programa</translation>
    </message>
    <message>
        <source>Re-initialise ({scheme}, seed {seed})</source>
        <translation>Reinicializar ({scheme}, semilla {seed})</translation>
    </message>
    <message>
        <source>Re-initialising the weights</source>
        <translation>Reinicializar los pesos</translation>
    </message>
    <message>
        <source>Learning rate η (type an exact value)</source>
        <translation>Tasa de aprendizaje η (escribe un valor exacto)</translation>
    </message>
</context>
</TS>
