counter_w8.v
