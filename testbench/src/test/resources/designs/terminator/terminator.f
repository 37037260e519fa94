terminator.v
