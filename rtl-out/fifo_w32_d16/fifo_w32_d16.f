fifo_w32_d16.v
