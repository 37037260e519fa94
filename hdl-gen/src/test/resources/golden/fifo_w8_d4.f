fifo_w8_d4.v
