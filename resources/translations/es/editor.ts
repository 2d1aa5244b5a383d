<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>+ layer</source>
        <translation>+ capa</translation>
    </message>
    <message>
        <source>Add a hidden layer just before the output layer (undo: Ctrl+Z)</source>
        <translation>Añade una capa oculta justo antes de la capa de salida (deshacer: Ctrl+Z)</translation>
    </message>
    <message>
        <source>− layer</source>
        <translation>− capa</translation>
    </message>
    <message>
        <source>Remove the last hidden layer (undo: Ctrl+Z)</source>
        <translation>Elimina la última capa oculta (deshacer: Ctrl+Z)</translation>
    </message>
    <message>
        <source>Remove the last unit of layer {k}</source>
        <translation>Elimina la última unidad de la capa {k}</translation>
    </message>
    <message>
        <source>Add a unit to layer {k}</source>
        <translation>Añadir una unidad a la capa {k}</translation>
    </message>
    <message>
        <source>Layer {k} has one unit: remove the layer instead</source>
        <translation>La capa {k} tiene una sola unidad: elimina la capa</translation>
    </message>
    <message>
        <source>The network has no hidden layer to remove</source>
        <translation>La red no tiene ninguna capa oculta que eliminar</translation>
    </message>
    <message>
        <source>frozen: not updated</source>
        <translation>congelado: sin actualizar</translation>
    </message>
    <message>
        <source>frozen, w &lt; 0</source>
        <translation>congelado, w &lt; 0</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>eliminada</translation>
    </message>
    <message>
        <source>How the canvas draws connections: a positive weight solid, a negative one dashed, each in its sign&apos;s colour and as wide as |w|; a frozen weight (dotted, dash-dotted when negative) is not updated by training; a removed connection (thin grey dashes with a ×) is absent. Freeze, remove or restore one from its context menu.</source>
        <translation>Cómo dibuja el lienzo las conexiones: un peso positivo con línea continua, uno negativo discontinua, cada uno en el color de su signo y tan ancho como |w|; un peso congelado (punteado, o de trazo y punto si es negativo) no se actualiza al entrenar; una conexión eliminada (trazos finos grises con una ×) no existe. Congela, elimina o restaura una desde su menú contextual.</translation>
    </message>
    <message>
        <source>Freeze {name}</source>
        <translation>Congelar {name}</translation>
    </message>
    <message>
        <source>Unfreeze {name}</source>
        <translation>Descongelar {name}</translation>
    </message>
    <message>
        <source>Cannot change the network</source>
        <translation>No se puede cambiar la red</translation>
    </message>
    <message>
        <source>Add layer {k}</source>
        <translation>Añadir la capa {k}</translation>
    </message>
    <message>
        <source>Remove layer {k}</source>
        <translation>Eliminar la capa {k}</translation>
    </message>
    <message>
        <source>Remove unit {i} of layer {k}</source>
        <translation>Eliminar la unidad {i} de la capa {k}</translation>
    </message>
    <message>
        <source>Move unit {i} of layer {k} to place {place}</source>
        <translation>Mover la unidad {i} de la capa {k} al puesto {place}</translation>
    </message>
    <message>
        <source>Units of layer {k}</source>
        <translation>Unidades de la capa {k}</translation>
    </message>
    <message>
        <source>Number of units in layer {k}:</source>
        <translation>Número de unidades de la capa {k}:</translation>
    </message>
    <message>
        <source>Layer {k}: {units} units</source>
        <translation>Capa {k}: {units} unidades</translation>
    </message>
    <message>
        <source>Layer {k}: {activation}</source>
        <translation>Capa {k}: {activation}</translation>
    </message>
    <message>
        <source>Layer {k}: bias on</source>
        <translation>Capa {k}: con sesgo</translation>
    </message>
    <message>
        <source>Layer {k}: bias off</source>
        <translation>Capa {k}: sin sesgo</translation>
    </message>
    <message>
        <source>Freeze layer {k}</source>
        <translation>Congelar la capa {k}</translation>
    </message>
    <message>
        <source>Unfreeze layer {k}</source>
        <translation>Descongelar la capa {k}</translation>
    </message>
    <message>
        <source>Cannot initialise</source>
        <translation>No se puede inicializar</translation>
    </message>
    <message>
        <source>Layer {k}: weights from {scheme}</source>
        <translation>Capa {k}: pesos de {scheme}</translation>
    </message>
    <message>
        <source>Restore {name}</source>
        <translation>Restaurar {name}</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Eliminar {name}</translation>
    </message>
    <message>
        <source>{name} (a finite number):</source>
        <translation>{name} (un número finito):</translation>
    </message>
    <message>
        <source>{name}: invalid value</source>
        <translation>{name}: valor no válido</translation>
    </message>
    <message>
        <source>Removed connection</source>
        <translation>Conexión eliminada</translation>
    </message>
    <message>
        <source>This connection is removed; restore it before typing its weight.</source>
        <translation>Esta conexión está eliminada; restáurala antes de escribir su peso.</translation>
    </message>
    <message>
        <source>Set {name} = {value}</source>
        <translation>Poner {name} = {value}</translation>
    </message>
    <message>
        <source>Input unit</source>
        <translation>Unidad de entrada</translation>
    </message>
    <message>
        <source>Input units have no bias: their value is the input x.</source>
        <translation>Las unidades de entrada no tienen sesgo: su valor es la entrada x.</translation>
    </message>
    <message>
        <source>No bias</source>
        <translation>Sin sesgo</translation>
    </message>
    <message>
        <source>Layer {k} has no bias; turn its bias on first.</source>
        <translation>La capa {k} no tiene sesgo; actívalo primero.</translation>
    </message>
    <message>
        <source>{n} connection</source>
        <translation>{n} conexión</translation>
    </message>
    <message>
        <source>{n} connections</source>
        <translation>{n} conexiones</translation>
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
        <source>{n} layer</source>
        <translation>{n} capa</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} capas</translation>
    </message>
    <message>
        <source>Remove {what}</source>
        <translation>Eliminar {what}</translation>
    </message>
    <message>
        <source>Fine stepping: the value revealed now, its formula and the numbers substituted. F11 reveals the next one, Shift+F9 takes it back, F6 plays</source>
        <translation>Paso a paso fino: el valor revelado ahora, su fórmula y los números sustituidos. F11 revela el siguiente, Mayús+F9 lo retira, F6 reproduce</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;F11: the next; Shift+F9: back; F6: play&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;F11: el siguiente; Mayús+F9: atrás; F6: reproducir&lt;/i&gt;</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>sesgo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer {k}&lt;/b&gt; · {role}</source>
        <translation>&lt;b&gt;Capa {k}&lt;/b&gt; · {role}</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>entradas</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer {k}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Capa {k}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;L{k}&lt;/b&gt;</source>
        <translation>&lt;b&gt;C{k}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>oculta</translation>
    </message>
    <message>
        <source>output</source>
        <translation>salida</translation>
    </message>
    <message>
        <source>last update</source>
        <translation>última actualización</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguna aún</translation>
    </message>
    <message>
        <source>last update Δ</source>
        <translation>última actualización Δ</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer {k}, unit {i}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Capa {k}, unidad {i}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>(frozen)</source>
        <translation>(congelado)</translation>
    </message>
    <message>
        <source>unit {i} of layer {k} → unit {j} of layer {next}</source>
        <translation>unidad {i} de la capa {k} → unidad {j} de la capa {next}</translation>
    </message>
    <message>
        <source>removed (drawn dashed); restore it from the context menu</source>
        <translation>eliminada (dibujada discontinua); restáurala desde el menú contextual</translation>
    </message>
    <message>
        <source>v&lt;sub&gt;out&lt;/sub&gt; of unit {i} (input)</source>
        <translation>v&lt;sub&gt;out&lt;/sub&gt; de la unidad {i} (entrada)</translation>
    </message>
    <message>
        <source>δ of unit {j}</source>
        <translation>δ de la unidad {j}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer 0&lt;/b&gt; · input · {n} units (set by the dataset)</source>
        <translation>&lt;b&gt;Capa 0&lt;/b&gt; · entrada · {n} unidades (las fija el conjunto de datos)</translation>
    </message>
    <message>
        <source>frozen</source>
        <comment>a layer</comment>
        <translation>congelada</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>congelado</translation>
    </message>
    <message>
        <source>bias on</source>
        <translation>con sesgo</translation>
    </message>
    <message>
        <source>bias off</source>
        <translation>sin sesgo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer {k}&lt;/b&gt; · {n} units</source>
        <translation>&lt;b&gt;Capa {k}&lt;/b&gt; · {n} unidades</translation>
    </message>
    <message>
        <source>incoming {matrix}: {n} connections</source>
        <translation>{matrix} entrante: {n} conexiones</translation>
    </message>
    <message>
        <source>no step taken yet: step to see v, δ and ∂E/∂w</source>
        <translation>aún no se ha dado ningún paso: avanza para ver v, δ y ∂E/∂w</translation>
    </message>
    <message>
        <source>bias of unit {j} of layer {k}</source>
        <translation>sesgo de la unidad {j} de la capa {k}</translation>
    </message>
    <message>
        <source>{shown}: hidden while a lesson&apos;s question asks for it: work it out, then check it in the Lessons panel.</source>
        <translation>{shown}: oculto mientras una pregunta de la lección lo pide: calcúlalo y compruébalo en el panel de lecciones.</translation>
    </message>
    <message>
        <source>{shown}: hidden while exercise mode is on: work it out, then check it in the Step Debugger.</source>
        <translation>{shown}: oculto mientras el modo ejercicio está activo: calcúlalo y compruébalo en el depurador de pasos.</translation>
    </message>
    <message>
        <source>The selected unit, connection, bias or layer: values from the current step.
Drag the card to move it; × hides it (View ▸ Selected-item card shows it again).</source>
        <translation>La unidad, conexión, sesgo o capa seleccionada: valores del paso actual.
Arrastra la tarjeta para moverla; × la oculta (Ver ▸ Tarjeta del elemento seleccionado la vuelve a mostrar).</translation>
    </message>
    <message>
        <source>Hide this card (View ▸ Selected-item card shows it again)</source>
        <translation>Oculta esta tarjeta (Ver ▸ Tarjeta del elemento seleccionado la vuelve a mostrar)</translation>
    </message>
    <message>
        <source>⋮ {n}
more</source>
        <translation>⋮ {n}
más</translation>
    </message>
    <message>
        <source>Layer {k} is drawn collapsed: units {first}–{last} ({hidden} units) are not drawn. Every value is in the Step Debugger&apos;s tables</source>
        <translation>La capa {k} se dibuja plegada: las unidades {first}–{last} ({hidden} unidades) no se dibujan. Todos los valores están en las tablas del depurador de pasos</translation>
    </message>
    <message>
        <source>Network editor. Arrow keys move between units and their connections; Enter edits the selected value; Delete removes it; + and − add and remove units; the menu key opens the item&apos;s menu.</source>
        <translation>Editor de la red. Las flechas se mueven entre las unidades y sus conexiones; Intro edita el valor seleccionado; Supr lo elimina; + y − añaden y eliminan unidades; la tecla de menú abre el menú del elemento.</translation>
    </message>
    <message>
        <source>unit {i} of layer {k} ({role})</source>
        <translation>unidad {i} de la capa {k} ({role})</translation>
    </message>
    <message>
        <source>layer {k}, {n} units</source>
        <translation>capa {k}, {n} unidades</translation>
    </message>
    <message>
        <source>Only hidden layers change width: the input width is set by the dataset and the output width by the targets</source>
        <translation>Solo las capas ocultas cambian de anchura: la de entrada la fija el conjunto de datos y la de salida, los objetivos</translation>
    </message>
    <message>
        <source>Insert a hidden layer between layer {k} and layer {next}</source>
        <translation>Inserta una capa oculta entre la capa {k} y la capa {next}</translation>
    </message>
    <message>
        <source>Add layer before layer {k}</source>
        <translation>Añadir capa antes de la capa {k}</translation>
    </message>
    <message>
        <source>Nothing comes before the input layer</source>
        <translation>No hay nada antes de la capa de entrada</translation>
    </message>
    <message>
        <source>Add layer after layer {k}</source>
        <translation>Añadir capa después de la capa {k}</translation>
    </message>
    <message>
        <source>The output layer is last; add a layer before it instead</source>
        <translation>La capa de salida es la última; añade una capa antes de ella</translation>
    </message>
    <message>
        <source>Remove this hidden layer; its neighbours are connected directly</source>
        <translation>Elimina esta capa oculta; sus vecinas se conectan directamente</translation>
    </message>
    <message>
        <source>Only hidden layers can be removed</source>
        <translation>Solo se pueden eliminar capas ocultas</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>Añadir unidad</translation>
    </message>
    <message>
        <source>One more unit at the end of this layer</source>
        <translation>Una unidad más al final de esta capa</translation>
    </message>
    <message>
        <source>Set number of units…</source>
        <translation>Fijar el número de unidades…</translation>
    </message>
    <message>
        <source>Grow or shrink this layer</source>
        <translation>Agranda o reduce esta capa</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Activación</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Sesgo</translation>
    </message>
    <message>
        <source>Give this layer a bias b, or remove it</source>
        <translation>Da a esta capa un sesgo b, o lo quita</translation>
    </message>
    <message>
        <source>Let training change {matrix} and {bias}</source>
        <translation>Deja que el entrenamiento cambie {matrix} y {bias}</translation>
    </message>
    <message>
        <source>Stop training changing {matrix} and {bias}</source>
        <translation>Impide que el entrenamiento cambie {matrix} y {bias}</translation>
    </message>
    <message>
        <source>Initialise {matrix}</source>
        <translation>Inicializar {matrix}</translation>
    </message>
    <message>
        <source>Draw this layer&apos;s incoming weights from {scheme} (frozen and removed ones stay)</source>
        <translation>Sortea los pesos entrantes de esta capa con {scheme} (los congelados y los eliminados se quedan)</translation>
    </message>
    <message>
        <source>Type {name}</source>
        <translation>Escribir {name}</translation>
    </message>
    <message>
        <source>Edit bias…</source>
        <translation>Editar sesgo…</translation>
    </message>
    <message>
        <source>This unit has no bias</source>
        <translation>Esta unidad no tiene sesgo</translation>
    </message>
    <message>
        <source>Unfreeze bias</source>
        <translation>Descongelar sesgo</translation>
    </message>
    <message>
        <source>Freeze bias</source>
        <translation>Congelar sesgo</translation>
    </message>
    <message>
        <source>Keep this bias fixed during training, or let it train again</source>
        <translation>Mantiene fijo este sesgo durante el entrenamiento, o deja que vuelva a entrenarse</translation>
    </message>
    <message>
        <source>Remove unit</source>
        <translation>Eliminar unidad</translation>
    </message>
    <message>
        <source>Remove this unit and its connections</source>
        <translation>Elimina esta unidad y sus conexiones</translation>
    </message>
    <message>
        <source>Only a hidden layer with more than one unit can lose a unit</source>
        <translation>Solo una capa oculta con más de una unidad puede perder una unidad</translation>
    </message>
    <message>
        <source>Edit weight…</source>
        <translation>Editar peso…</translation>
    </message>
    <message>
        <source>Restore the connection first</source>
        <translation>Restaura primero la conexión</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Eliminar conexión</translation>
    </message>
    <message>
        <source>Restore connection</source>
        <translation>Restaurar conexión</translation>
    </message>
    <message>
        <source>Remove this connection (it stays 0)</source>
        <translation>Elimina esta conexión (queda a 0)</translation>
    </message>
    <message>
        <source>Bring this connection back</source>
        <translation>Recupera esta conexión</translation>
    </message>
    <message>
        <source>Unfreeze weight</source>
        <translation>Descongelar peso</translation>
    </message>
    <message>
        <source>Freeze weight</source>
        <translation>Congelar peso</translation>
    </message>
    <message>
        <source>Keep this weight fixed during training, or let it train again</source>
        <translation>Mantiene fijo este peso durante el entrenamiento, o deja que vuelva a entrenarse</translation>
    </message>
    <message>
        <source>A removed connection cannot be frozen</source>
        <translation>Una conexión eliminada no se puede congelar</translation>
    </message>
    <message>
        <source>Layer {k}</source>
        <translation>Capa {k}</translation>
    </message>
    <message>
        <source>v, δ: sample {s} of {n} (training sample {t}); ∂E/∂w, Δ: {mean}</source>
        <translation>v, δ: muestra {s} de {n} (muestra de entrenamiento {t}); ∂E/∂w, Δ: {mean}</translation>
    </message>
    <message>
        <source>Weight labels</source>
        <translation>Etiquetas de pesos</translation>
    </message>
    <message>
        <source>Print each weight w (and bias b) on the canvas (up to 2,000 drawn connections; where layers are crowded, on the selected unit&apos;s connections)</source>
        <translation>Escribe cada peso w (y sesgo b) en el lienzo (hasta 2.000 conexiones dibujadas; donde las capas están llenas, en las conexiones de la unidad seleccionada)</translation>
    </message>
    <message>
        <source>v_in on units</source>
        <translation>v_in en las unidades</translation>
    </message>
    <message>
        <source>Show each unit&apos;s input v_in beside it (for a batch: of the current sample)</source>
        <translation>Muestra la entrada v_in de cada unidad a su lado (en un lote: de la muestra actual)</translation>
    </message>
    <message>
        <source>v_out on units</source>
        <translation>v_out en las unidades</translation>
    </message>
    <message>
        <source>Show each unit&apos;s output v_out beside it (for a batch: of the current sample)</source>
        <translation>Muestra la salida v_out de cada unidad a su lado (en un lote: de la muestra actual)</translation>
    </message>
    <message>
        <source>δ on units</source>
        <translation>δ en las unidades</translation>
    </message>
    <message>
        <source>Show each unit&apos;s error term delta beside it (for a batch: of the current sample)</source>
        <translation>Muestra el término de error delta de cada unidad a su lado (en un lote: de la muestra actual)</translation>
    </message>
    <message>
        <source>∂E/∂w on connections</source>
        <translation>∂E/∂w en las conexiones</translation>
    </message>
    <message>
        <source>Print each weight&apos;s gradient dE/dw on its connection (for a batch: the mean over the batch; networks of up to 2,000 drawn connections)</source>
        <translation>Escribe el gradiente dE/dw de cada peso en su conexión (en un lote: la media del lote; redes de hasta 2.000 conexiones dibujadas)</translation>
    </message>
    <message>
        <source>Biases as “+1” units</source>
        <translation>Sesgos como unidades «+1»</translation>
    </message>
    <message>
        <source>Draw biases as weights from a constant +1 unit instead of marks</source>
        <translation>Dibuja los sesgos como pesos desde una unidad constante +1 en lugar de marcas</translation>
    </message>
    <message>
        <source>Output thumbnails (2-D input)</source>
        <translation>Miniaturas de la salida (entrada 2-D)</translation>
    </message>
    <message>
        <source>Fill each unit with its output over the 2-D input plane (TensorFlow Playground style)</source>
        <translation>Rellena cada unidad con su salida sobre el plano de entrada 2-D (al estilo de TensorFlow Playground)</translation>
    </message>
    <message>
        <source>Network editor</source>
        <translation>Editor de la red</translation>
    </message>
    <message>
        <source>Selected-item card</source>
        <translation>Tarjeta del elemento seleccionado</translation>
    </message>
    <message>
        <source>Show a card with the selected item&apos;s values over the canvas (drag it to move it)</source>
        <translation>Muestra sobre el lienzo una tarjeta con los valores del elemento seleccionado (arrástrala para moverla)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>{n} significant digits</source>
        <translation>{n} cifras significativas</translation>
    </message>
    <message>
        <source>Print values on the canvas and in the inspector with {n} significant digits</source>
        <translation>Escribe los valores en el lienzo y en el inspector con {n} cifras significativas</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ver</translation>
    </message>
    <message>
        <source>What the canvas shows: labels, overlays, bias units, thumbnails, precision</source>
        <translation>Lo que muestra el lienzo: etiquetas, superposiciones, unidades de sesgo, miniaturas, precisión</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Fit the whole network into the view (F)</source>
        <translation>Ajusta toda la red a la vista (F)</translation>
    </message>
    <message>
        <source>The training step and phase shown on the canvas</source>
        <translation>El paso y la fase de entrenamiento que muestra el lienzo</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>Ajustar a la vista</translation>
    </message>
    <message>
        <source>Show the whole network (F)</source>
        <translation>Muestra toda la red (F)</translation>
    </message>
    <message>
        <source>Export picture…</source>
        <translation>Exportar imagen…</translation>
    </message>
    <message>
        <source>Save the canvas as PNG or SVG</source>
        <translation>Guarda el lienzo como PNG o SVG</translation>
    </message>
    <message>
        <source>Backprop Studio network</source>
        <translation>Red de Backprop Studio</translation>
    </message>
    <message>
        <source>Export network picture</source>
        <translation>Exportar imagen de la red</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se ha podido exportar</translation>
    </message>
</context>
</TS>
