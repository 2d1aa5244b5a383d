<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>not started</source>
        <translation>sin empezar</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>step {step} not started</source>
        <translation>paso {step} sin empezar</translation>
    </message>
    <message>
        <source>step {step} in progress</source>
        <translation>paso {step} en curso</translation>
    </message>
    <message>
        <source>step {step} done</source>
        <translation>paso {step} hecho</translation>
    </message>
    <message>
        <source>step {step} in progress · {phase} done</source>
        <translation>paso {step} en curso · {phase} hecha</translation>
    </message>
    <message>
        <source>forward layer {k}</source>
        <translation>pasada hacia delante, capa {k}</translation>
    </message>
    <message>
        <source>backward layer {k}</source>
        <translation>pasada hacia atrás, capa {k}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>update</source>
        <translation>actualización</translation>
    </message>
</context>
</TS>
