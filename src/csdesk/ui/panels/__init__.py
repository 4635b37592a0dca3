"""One panel per navigation item: Dasbor, Inbox, Pelanggan, Pesanan, Keluhan, Template, Pengaturan."""
