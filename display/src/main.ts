import { mount } from 'svelte';
import Placeholder from '@ui/Placeholder.svelte';

mount(Placeholder, { target: document.getElementById('app')!, props: { titleVi: 'Màn hình gọi số', titleEn: 'Display board', kind: 'device' } });
