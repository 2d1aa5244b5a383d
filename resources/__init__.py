"""The files Backprop Studio ships (examples, starting points, lessons, icons), read as package
data through :mod:`backprop_studio.core.files.resources`."""
