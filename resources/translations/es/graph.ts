<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Computation graph</source>
        <translation>Grafo de cómputo</translation>
    </message>
    <message>
        <source>Draw every output&apos;s computation, or only one output unit&apos;s path</source>
        <translation>Dibujar el cómputo de todas las salidas, o solo el camino de una unidad de salida</translation>
    </message>
    <message>
        <source>Collapsed units: choose one to draw its weights and products (or double-click its Σ node); a wide layer is one node: choose which of its units to draw</source>
        <translation>Unidades contraídas: elige una para dibujar sus pesos y productos (o haz doble clic en su nodo Σ); una capa ancha es un solo nodo: elige cuál de sus unidades dibujar</translation>
    </message>
    <message>
        <source>Which unit of the collapsed layer to draw on its own</source>
        <translation>Qué unidad de la capa contraída dibujar por separado</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>Desplegar</translation>
    </message>
    <message>
        <source>Draw this unit on its own, with its value, gradient and rules</source>
        <translation>Dibujar esta unidad por separado, con su valor, su gradiente y sus reglas</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Show the whole graph (the wheel or + and − zoom, dragging pans, F fits)</source>
        <translation>Mostrar el grafo entero (la rueda o + y − hacen zoom, arrastrar lo desplaza, F lo ajusta)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the graph as a PNG or SVG picture</source>
        <translation>Guardar el grafo como imagen PNG o SVG</translation>
    </message>
    <message>
        <source>all outputs</source>
        <translation>todas las salidas</translation>
    </message>
    <message>
        <source>output {j}&apos;s path</source>
        <translation>camino de la salida {j}</translation>
    </message>
    <message>
        <source>expand…</source>
        <translation>desplegar…</translation>
    </message>
    <message>
        <source>expanded units</source>
        <translation>unidades desplegadas</translation>
    </message>
    <message>
        <source>expand unit {j} of layer {k}</source>
        <translation>desplegar la unidad {j} de la capa {k}</translation>
    </message>
    <message>
        <source>expand one of {layer}…</source>
        <translation>desplegar una de {layer}…</translation>
    </message>
    <message>
        <source>collapse all again</source>
        <translation>volver a contraer todo</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>entrada x</translation>
    </message>
    <message>
        <source>layer {k}, unit </source>
        <translation>capa {k}, unidad </translation>
    </message>
    <message>
        <source>your ∂E/∂… for the selected node</source>
        <translation>tu ∂E/∂… del nodo elegido</translation>
    </message>
    <message>
        <source>Exercise mode: the gradient you predict for the selected node (shown as ?)</source>
        <translation>Modo ejercicio: el gradiente que predices para el nodo seleccionado (se muestra como ?)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Check your prediction (the debugger&apos;s rule: within 0.5 %)</source>
        <translation>Comprobar tu predicción (la regla del depurador: con un margen del 0.5 %)</translation>
    </message>
    <message>
        <source>Computation graph. Arrow keys move between its nodes; Enter draws a unit&apos;s weights on their own; the selected node&apos;s rules show below it and in the Step Debugger.</source>
        <translation>Grafo de cómputo. Las flechas mueven entre sus nodos; Intro dibuja por separado los pesos de una unidad; las reglas del nodo seleccionado se muestran debajo y en el Depurador de pasos.</translation>
    </message>
    <message>
        <source>the inputs and parameters are known; F11 runs the next phase</source>
        <translation>se conocen las entradas y los parámetros; F11 ejecuta la fase siguiente</translation>
    </message>
    <message>
        <source>every value and gradient of this step is known</source>
        <translation>se conocen todos los valores y gradientes de este paso</translation>
    </message>
    <message>
        <source>Sample {n} of {batch}: gradients are ∂E[{n}]/∂·, this sample&apos;s share (the step&apos;s ∂E/∂w is their mean).</source>
        <translation>Muestra {n} de {batch}: los gradientes son ∂E[{n}]/∂·, la parte de esta muestra (el ∂E/∂w del paso es su media).</translation>
    </message>
    <message>
        <source>Collapsed further to stay legible at this size: widen the dock, or expand a unit.</source>
        <translation>Más contraído para seguir legible a este tamaño: ensancha el panel o despliega una unidad.</translation>
    </message>
    <message>
        <source>{dropped} earlier expansion(s) were collapsed again: the graph draws at most {most} nodes and edges.</source>
        <translation>Despliegues anteriores contraídos de nuevo: {dropped}; el grafo dibuja como mucho {most} nodos y aristas.</translation>
    </message>
    <message>
        <source>Data loss only (regularisation is not drawn).</source>
        <translation>Solo la pérdida de los datos (la regularización no se dibuja).</translation>
    </message>
    <message>
        <source>This value is hidden for now.</source>
        <translation>Este valor está oculto por ahora.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Exercise:&lt;/b&gt; predict this gradient with the chain rule, type it below and press Check.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ejercicio:&lt;/b&gt; predice este gradiente con la regla de la cadena, escríbelo abajo y pulsa Comprobar.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Chain rule:</source>
        <translation>Regla de la cadena:</translation>
    </message>
    <message>
        <source>Draw one on its own: {links}, or choose any with the box above.</source>
        <translation>Dibuja una por separado: {links}, o elige cualquiera en la lista de arriba.</translation>
    </message>
    <message>
        <source>Show this value in the Step Debugger</source>
        <translation>Mostrar este valor en el Depurador de pasos</translation>
    </message>
    <message>
        <source>This is sample {n}&apos;s share of the gradient; the step&apos;s ∂E/∂{name} is the mean of the {batch} shares.</source>
        <translation>Esta es la parte del gradiente que aporta la muestra {n}; el ∂E/∂{name} del paso es la media de las {batch} partes.</translation>
    </message>
    <message>
        <source>{n} input</source>
        <translation>{n} entrada</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} entradas</translation>
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
        <source>{name}: {count} drawn as one node</source>
        <translation>{name}: {count} dibujadas como un solo nodo</translation>
    </message>
    <message>
        <source>Click to choose a unit to draw on its own</source>
        <translation>Haz clic para elegir una unidad y dibujarla por separado</translation>
    </message>
    <message>
        <source>Click for its local rule and the chain rule</source>
        <translation>Haz clic para ver su regla local y la regla de la cadena</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>aún sin calcular</translation>
    </message>
    <message>
        <source>{count} · length {value}</source>
        <translation>{count} · longitud {value}</translation>
    </message>
    <message>
        <source>Rules of the selected node</source>
        <translation>Reglas del nodo seleccionado</translation>
    </message>
    <message>
        <source>Click a node for its local rule and the chain rule with numbers.</source>
        <translation>Haz clic en un nodo: su regla local y la de la cadena con números.</translation>
    </message>
    <message>
        <source>Too long to show whole at a legible size: its start is in view; drag, scroll or use the arrow keys for the rest.</source>
        <translation>Demasiado largo para verlo entero a un tamaño legible: se ve su comienzo; arrastra, desplázate o usa las flechas para ver el resto.</translation>
    </message>
    <message>
        <source>Select a node whose gradient shows ?</source>
        <translation>Elige un nodo cuyo gradiente sea ?</translation>
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
        <source>✗ Not quite: it is {value}</source>
        <translation>✗ No del todo: es {value}</translation>
    </message>
    <message>
        <source>Export computation graph</source>
        <translation>Exportar el grafo de cómputo</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>No se pudo exportar: {error}</translation>
    </message>
</context>
</TS>
