<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>This question cannot be asked here: {error}</source>
        <translation>Esta pregunta no se puede hacer aquí: {error}</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Click the plot first.</source>
        <translation>Primero haz clic en la gráfica.</translation>
    </message>
    <message>
        <source>Pick an option first.</source>
        <translation>Primero elige una opción.</translation>
    </message>
    <message>
        <source>Right: {answer}</source>
        <translation>Correcto: {answer}</translation>
    </message>
    <message>
        <source>Not quite: the value is {answer}</source>
        <translation>No exactamente: el valor es {answer}</translation>
    </message>
    <message>
        <source>Not quite: the answer is {answer}</source>
        <translation>No exactamente: la respuesta es {answer}</translation>
    </message>
    <message>
        <source>{n} more try.</source>
        <translation>Intentos que te quedan: {n}.</translation>
    </message>
    <message>
        <source>Not quite; {n} more try. A hint may help.</source>
        <translation>No exactamente; intentos que te quedan: {n}. Una pista puede ayudarte.</translation>
    </message>
    <message>
        <source>This prediction cannot be watched here: {error}</source>
        <translation>Esta predicción no se puede observar aquí: {error}</translation>
    </message>
    <message>
        <source>What happened: {happened}</source>
        <translation>Lo que pasó: {happened}</translation>
    </message>
    <message>
        <source>Right: you predicted {predicted}; what happened: {happened}</source>
        <translation>Correcto: predijiste {predicted}; lo que pasó: {happened}</translation>
    </message>
    <message>
        <source>Not quite: you predicted {predicted}; what happened: {happened}</source>
        <translation>No exactamente: predijiste {predicted}; lo que pasó: {happened}</translation>
    </message>
    <message>
        <source>Looking for a value that reaches it…</source>
        <translation>Buscando un valor que lo consiga…</translation>
    </message>
    <message>
        <source>The value is {value}</source>
        <translation>El valor es {value}</translation>
    </message>
    <message>
        <source>The answer is {answer}</source>
        <translation>La respuesta es {answer}</translation>
    </message>
    <message>
        <source>✓ it holds now</source>
        <translation>✓ ahora se cumple</translation>
    </message>
    <message>
        <source>✗ not yet</source>
        <translation>✗ todavía no</translation>
    </message>
    <message>
        <source>Whether the step&apos;s condition holds with the control as it is set now</source>
        <translation>Si la condición del paso se cumple con el control tal como está ahora</translation>
    </message>
    <message>
        <source>Click the {view} plot where the step lands (x&lt;sub&gt;t+1&lt;/sub&gt;), then press Commit.</source>
        <translation>Haz clic en la gráfica {view} donde cae el paso (x&lt;sub&gt;t+1&lt;/sub&gt;) y pulsa Confirmar.</translation>
    </message>
    <message>
        <source>Set &lt;b&gt;{control}&lt;/b&gt; until the condition holds.</source>
        <translation>Ajusta &lt;b&gt;{control}&lt;/b&gt; hasta que se cumpla la condición.</translation>
    </message>
    <message>
        <source>Your prediction: x&lt;sub&gt;t+1&lt;/sub&gt; = {point}. Press Commit to commit it (or click again).</source>
        <translation>Tu predicción: x&lt;sub&gt;t+1&lt;/sub&gt; = {point}. Pulsa Confirmar para fijarla (o vuelve a hacer clic).</translation>
    </message>
    <message>
        <source>Pick one option (arrow keys move between them), then press Check</source>
        <translation>Elige una opción (las flechas pasan de una a otra) y pulsa Comprobar</translation>
    </message>
    <message>
        <source>Drag the items into order, or select one and press Up / Down (Alt+Up / Alt+Down); then press Check</source>
        <translation>Arrastra los elementos para ordenarlos, o selecciona uno y pulsa Subir / Bajar (Alt+Arriba / Alt+Abajo); luego pulsa Comprobar</translation>
    </message>
    <message>
        <source>▲ Up</source>
        <translation>▲ Subir</translation>
    </message>
    <message>
        <source>Move the selected item up (Alt+Up)</source>
        <translation>Subir el elemento seleccionado (Alt+Arriba)</translation>
    </message>
    <message>
        <source>▼ Down</source>
        <translation>▼ Bajar</translation>
    </message>
    <message>
        <source>Move the selected item down (Alt+Down)</source>
        <translation>Bajar el elemento seleccionado (Alt+Abajo)</translation>
    </message>
</context>
</TS>
