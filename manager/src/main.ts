import { mount } from 'svelte';
import Placeholder from '@ui/Placeholder.svelte';

mount(Placeholder, { target: document.getElementById('app')!, props: { titleVi: 'Quản lý', titleEn: 'Manager', kind: 'staff' } });
