import { mount } from 'svelte';
import Placeholder from '@ui/Placeholder.svelte';

mount(Placeholder, { target: document.getElementById('app')!, props: { titleVi: 'Kiosk lấy số', titleEn: 'Ticket kiosk', kind: 'device' } });
