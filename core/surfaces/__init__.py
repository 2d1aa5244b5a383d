"""Loss surfaces: functions of one or two variables (shipped or typed expressions), descent paths
with any optimizer, and landscapes of a network's own loss along chosen directions."""
